using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Testing;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Benchmarks;

/// <summary>
/// What writing one e-mail to the pickup folder costs, in CPU per message: composing the MIME message, formatting it,
/// and the file itself, each measured alone so the share of each shows; then sending it through SMTP, a connection per
/// message against the connection kept.
/// </summary>
public static class MailBenchmark
{
    public static async Task RunAsync(int messages)
    {
        var directory = Directory.CreateTempSubdirectory("etc-bench-mail-").FullName;
        try
        {
            var settings = new MailOptions { PickupDirectory = directory };
            var transport = new PickupDirectoryTransport(Options.Create(settings));
            var text = string.Concat(Enumerable.Repeat("您的退货申请已受理。Your return request was received; case RC-2026-000123, line 1. ", 25));
            var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>您的退货申请已受理。<b>Your return request</b> was received; case RC-2026-000123.</p>", 60)) + "</body></html>";
            OutboxMessageRecord Message(int i) => new()
            {
                Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageId = $"m{i:D8}.{Guid.NewGuid():N}@exporttaxcheck", To = "exporter@example.com", Template = "case-received",
                Subject = "退货申请已受理 / Return request received", TextBody = text, HtmlBody = html, CreatedAt = DateTimeOffset.UtcNow, ReferenceType = "case",
                ReferenceId = "RC-2026-000123",
            };

            // Warm-up, then each stage measured alone.
            for (var i = 0; i < 500; i++)
                await transport.SendAsync(MailDispatcher.Compose(Message(-i - 1), settings), CancellationToken.None);
            var composed = ProcessCpu.PerCall(messages, i => _ = MailDispatcher.Compose(Message(i), settings));
            var formatted = ProcessCpu.PerCall(messages, i =>
            {
                using var memory = new MemoryStream();
                MailDispatcher.Compose(Message(i), settings).WriteTo(memory);
            });
            var cpu = ProcessCpu.Now();
            for (var i = 0; i < messages; i++)
                await transport.SendAsync(MailDispatcher.Compose(Message(i), settings), CancellationToken.None);
            var written = (ProcessCpu.Now() - cpu).TotalMicroseconds / messages;
            var size = new FileInfo(Directory.EnumerateFiles(directory).First()).Length;
            Console.WriteLine($"Pickup mail, {messages} messages of {size / 1024.0:0.0} KB:");
            Console.WriteLine($"compose: {composed:0} µs CPU per message");
            Console.WriteLine($"compose + format: {formatted:0} µs CPU per message");
            Console.WriteLine($"compose + format + pickup file: {written:0} µs CPU per message");
            Console.WriteLine($"a new file alone, in the same folder: {NewFileMicroseconds(directory):0} µs CPU");

            // Through SMTP to a real server on 127.0.0.1 (aiosmtpd): a connection per message, as the transport did, against
            // the connection kept between messages, in rounds taking turns (the median of each). The CPU is this
            // process's: the Host's side of the conversation.
            await using var smtp = new SmtpServer();
            await smtp.StartAsync();
            await using var perMessage = SmtpTransport(smtp.Port, messagesPerConnection: 1);
            await using var kept = SmtpTransport(smtp.Port, messagesPerConnection: 20);
            var rounds = new[] { (Smtp: perMessage, Costs: new List<double>()), (Smtp: kept, Costs: new List<double>()) };
            var next = 0;
            foreach (var (smtpTransport, _) in rounds)
            {
                for (var i = 0; i < 100; i++)
                    await smtpTransport.SendAsync(MailDispatcher.Compose(Message(--next), settings), CancellationToken.None);
            }
            for (var round = 0; round < SmtpRounds; round++)
            {
                foreach (var (smtpTransport, costs) in rounds)
                {
                    var started = ProcessCpu.Now();
                    for (var i = 0; i < SmtpRoundMessages; i++)
                        await smtpTransport.SendAsync(MailDispatcher.Compose(Message(--next), settings), CancellationToken.None);
                    costs.Add((ProcessCpu.Now() - started).TotalMicroseconds / SmtpRoundMessages);
                }
            }
            var (connectEach, keep) = (Rounds.Median(rounds[0].Costs), Rounds.Median(rounds[1].Costs));
            Console.WriteLine($"SMTP, compose + send, a connection per message: {connectEach:0} µs CPU per message (rounds {Rounds.Joined(rounds[0].Costs)})");
            Console.WriteLine($"SMTP, compose + send, the connection kept (20 messages a connection): {keep:0} µs CPU per message (rounds {Rounds.Joined(rounds[1].Costs)}; {connectEach / keep:0.0}× less)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private const int SmtpRounds = 5;
    private const int SmtpRoundMessages = 100;

    private static SmtpMailTransport SmtpTransport(int port, int messagesPerConnection) => new(Options.Create(new MailOptions
    {
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None", MessagesPerConnection = messagesPerConnection },
    }), TimeProvider.System);

    /// <summary>
    /// CPU per new file of a pickup message's size written into <paramref name="folder"/> itself (to a temporary name and
    /// renamed, as the pickup folder does). The files are left for the caller's folder to take away: deleting them would
    /// make the next new files dearer (below).
    /// </summary>
    /// <remarks>
    /// On ext4 without a journal, a new inode is not taken from those deleted in the last one to six minutes: the
    /// allocator passes over each of them, so for some minutes after a few thousand files were deleted near a folder (a
    /// previous run's folder, say) every new file in it costs several hundred microseconds instead of a few dozen. It is a
    /// property of where the folder lies on the disk: a new subfolder may land elsewhere and not show it, so the probe
    /// writes into the very folder whose files it stands for.
    /// </remarks>
    public static double NewFileMicroseconds(string folder, int files = 200)
    {
        Directory.CreateDirectory(folder);
        var content = new byte[8800];
        var prefix = "probe-" + Guid.NewGuid().ToString("N");
        return ProcessCpu.PerCall(files, i =>
        {
            var path = Path.Combine(folder, $"{prefix}-{i:D6}.eml");
            File.WriteAllBytes(path + ".tmp", content);
            File.Move(path + ".tmp", path, overwrite: true);
        });
    }
}
