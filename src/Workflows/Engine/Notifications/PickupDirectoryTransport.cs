using Microsoft.Extensions.Options;
using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// Writes each message to <c>{PickupDirectory}/{Message-Id}.eml</c> (the default for <c>dotnet run</c>). A resend
/// overwrites the same file, so the folder holds each notification once.
/// </summary>
public sealed class PickupDirectoryTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var directory = options.Value.PickupDirectory;
        Directory.CreateDirectory(directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '@' ? c : '_'));
        var path = Path.Combine(directory, name + ".eml");
        var temporary = path + ".tmp";
        // Formatted in memory and written in one go: MimeKit writes a message in many small pieces.
        using var formatted = new MemoryStream();
        message.WriteTo(formatted, ct);
        await File.WriteAllBytesAsync(temporary, formatted.GetBuffer().AsMemory(0, (int)formatted.Length), ct);
        File.Move(temporary, path, overwrite: true);
    }
}
