using ExportTaxCheck.Engine.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ExportTaxCheck.Host.Tests.Notifications;

/// <summary>
/// The SMTP transport keeps its connection between messages: counted at a relay in front of a real SMTP server
/// (aiosmtpd on 127.0.0.1), with every message delivered once.
/// </summary>
public sealed class SmtpConnectionTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private TcpRelay _relay = null!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _relay = new TcpRelay(_smtp.Port);
    }

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private SmtpMailTransport Transport(int messagesPerConnection = 20) => new(Options.Create(new MailOptions
    {
        Smtp = new SmtpOptions
        {
            Host = "127.0.0.1", Port = _relay.Port, Security = "None", Timeout = TimeSpan.FromSeconds(10), KeepAlive = TimeSpan.FromSeconds(60),
            MessagesPerConnection = messagesPerConnection,
        },
    }), _clock);

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage { Subject = $"退货申请已受理 / Return request received {i}", MessageId = $"m{i}.{Guid.NewGuid():N}@exporttaxcheck.local" };
        message.From.Add(MailboxAddress.Parse("noreply@exporttaxcheck.local"));
        message.To.Add(MailboxAddress.Parse("exporter@example.cn"));
        message.Body = new TextPart("plain") { Text = $"案件 RC-2026-{i:D6}" };
        return message;
    }

    /// <summary>The connections the relay saw, and each message sent at the server once.</summary>
    private void AssertDelivered(int connections, IEnumerable<MimeMessage> sent)
    {
        Assert.Equal(connections, _relay.Accepted);
        var received = _smtp.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sent.Select(m => m.MessageId).Order(StringComparer.Ordinal), received);
    }

    [Fact]
    public async Task MessagesInARow_GoOverOneConnection()
    {
        await using var transport = Transport();
        var sent = Enumerable.Range(1, 6).Select(Message).ToList();
        foreach (var message in sent)
        {
            await transport.SendAsync(message, default);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        AssertDelivered(connections: 1, sent);
    }

    [Fact]
    public async Task AConnectionTheServerClosed_IsOpenedAgain_AndTheMessageIsDeliveredOnce()
    {
        await using var transport = Transport();
        var first = Message(1);
        await transport.SendAsync(first, default);
        // The server side lets the idle client go.
        _relay.CutAll();

        var second = Message(2);
        await transport.SendAsync(second, default);

        AssertDelivered(connections: 2, [first, second]);
    }

    [Fact]
    public async Task AfterAPauseLongerThanKeepAlive_ANewConnection()
    {
        await using var transport = Transport();
        var first = Message(1);
        await transport.SendAsync(first, default);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var second = Message(2);
        await transport.SendAsync(second, default);
        Assert.Equal(1, _relay.Accepted);

        _clock.Advance(TimeSpan.FromSeconds(61));
        var third = Message(3);
        await transport.SendAsync(third, default);

        AssertDelivered(connections: 2, [first, second, third]);
    }

    [Fact]
    public async Task AConnectionCarriesAtMostMessagesPerConnection()
    {
        await using var transport = Transport(messagesPerConnection: 2);
        var sent = Enumerable.Range(1, 5).Select(Message).ToList();
        foreach (var message in sent)
            await transport.SendAsync(message, default);

        AssertDelivered(connections: 3, sent);
    }

    [Fact]
    public async Task WhileTheServerIsDown_TheSendFails_AndTheNextAfterItComesBackGoesThrough()
    {
        await using var transport = Transport();
        var first = Message(1);
        await transport.SendAsync(first, default);
        await _smtp.StopAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => transport.SendAsync(Message(2), default));

        await _smtp.StartAsync();
        var third = Message(3);
        await transport.SendAsync(third, default);
        Assert.Equal([first.MessageId, third.MessageId], _smtp.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }
}
