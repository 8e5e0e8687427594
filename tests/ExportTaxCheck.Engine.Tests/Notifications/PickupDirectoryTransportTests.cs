using ExportTaxCheck.Engine.Notifications;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExportTaxCheck.Engine.Tests.Notifications;

/// <summary>
/// The pickup folder holds each message once, as <c>{Message-Id}.eml</c>, whole: written under a temporary name and
/// renamed into place, so a reader of the folder never sees half a message.
/// </summary>
public sealed class PickupDirectoryTransportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etc-pickup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PickupDirectoryTransport Transport(string folder) => new(Options.Create(new MailOptions { PickupDirectory = folder }));

    private static MimeMessage Message(string id, string text)
    {
        var message = new MimeMessage { MessageId = id, Subject = "退货申请已受理 / Return request received" };
        message.From.Add(MailboxAddress.Parse("noreply@exporttaxcheck.local"));
        message.To.Add(MailboxAddress.Parse("exporter@example.com"));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    [Fact]
    public async Task A_message_is_one_whole_file_named_by_its_message_id()
    {
        var folder = Path.Combine(_root, "mail");
        await Transport(folder).SendAsync(Message("m1.abc@exporttaxcheck.local", "您的退货申请已受理。"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal("m1.abc@exporttaxcheck.local.eml", Path.GetFileName(file));
        var read = await MimeMessage.LoadAsync(file);
        Assert.Equal("m1.abc@exporttaxcheck.local", read.MessageId);
        Assert.Equal("您的退货申请已受理。", read.TextBody?.Trim());
    }

    [Fact]
    public async Task A_resend_overwrites_the_same_file()
    {
        var transport = Transport(_root);
        await transport.SendAsync(Message("m2@exporttaxcheck.local", "first words"), CancellationToken.None);
        await transport.SendAsync(Message("m2@exporttaxcheck.local", "second words"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_root));
        Assert.Equal("second words", (await MimeMessage.LoadAsync(file)).TextBody?.Trim());
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_send_that_died_is_written_over()
    {
        var stale = Path.Combine(_root, "m3@exporttaxcheck.local.eml.tmp");
        await File.WriteAllTextAsync(stale, new string('x', 100_000));

        await Transport(_root).SendAsync(Message("m3@exporttaxcheck.local", "whole"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_root));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        Assert.Equal("whole", (await MimeMessage.LoadAsync(file)).TextBody?.Trim());
    }

    [Fact]
    public async Task A_folder_taken_away_between_messages_is_made_again()
    {
        var folder = Path.Combine(_root, "gone");
        var transport = Transport(folder);
        await transport.SendAsync(Message("m4@exporttaxcheck.local", "one"), CancellationToken.None);
        Directory.Delete(folder, recursive: true);

        await transport.SendAsync(Message("m5@exporttaxcheck.local", "two"), CancellationToken.None);

        Assert.Equal("m5@exporttaxcheck.local.eml", Path.GetFileName(Assert.Single(Directory.GetFiles(folder))));
    }

    [Theory]
    [InlineData("<a/b\\c:d@x>", "_a_b_c_d@x_")]
    [InlineData("m1.2-3@host", "m1.2-3@host")]
    public void A_message_id_becomes_a_file_name_without_separators(string id, string expected) =>
        Assert.Equal(expected, PickupDirectoryTransport.FileName(id));
}
