using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using MimeKit;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// Writes each message to <c>{PickupDirectory}/{Message-Id}.eml</c> (the default for <c>dotnet run</c>). A resend
/// overwrites the same file, so the folder holds each notification once.
/// </summary>
public sealed class PickupDirectoryTransport(IOptions<MailOptions> options) : IMailTransport
{
    // The folder made once per process (and again only if it went away), not looked up before every message.
    private string? _created;

    /// <summary>A resend writes the same file again: the folder holds each message once however often it went.</summary>
    public bool ResendReplaces => true;

    public Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var directory = options.Value.PickupDirectory;
        if (!string.Equals(_created, directory, StringComparison.Ordinal))
        {
            Directory.CreateDirectory(directory);
            _created = directory;
        }
        var path = Path.Combine(directory, FileName(message.MessageId) + ".eml");
        var temporary = path + ".tmp";
        // Formatted in memory and written in one go: MimeKit writes a message in many small pieces.
        using var formatted = new MemoryStream();
        message.WriteTo(formatted, ct);
        var bytes = formatted.GetBuffer().AsSpan(0, (int)formatted.Length);
        try
        {
            Write(temporary, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            // Someone took the folder away since it was made: make it again, once.
            Directory.CreateDirectory(directory);
            Write(temporary, bytes);
        }
        File.Move(temporary, path, overwrite: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// One open, one write, one close. The file is written synchronously: a local disk write of a few kilobytes is over in
    /// microseconds, where an asynchronous file costs a thread-pool hop for each operation. Shared for reading and writing,
    /// so no advisory lock is taken on it (the temporary name is this message's own).
    /// </summary>
    private static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        SafeFileHandle handle;
        try
        {
            // A new file: nothing to truncate.
            handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (IOException) when (File.Exists(path))
        {
            // What a send that died half-way left under the temporary name.
            handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        }
        using (handle)
            RandomAccess.Write(handle, bytes, fileOffset: 0);
    }

    /// <summary>The Message-Id with every character a file name should not hold replaced by <c>_</c>.</summary>
    internal static string FileName(string? messageId)
    {
        var id = messageId ?? Guid.NewGuid().ToString("N");
        return string.Create(id.Length, id, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsLetterOrDigit(c) || c is '-' or '.' or '@' ? c : '_';
            }
        });
    }
}
