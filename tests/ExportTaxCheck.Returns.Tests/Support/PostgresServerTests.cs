using System.Diagnostics;

namespace ExportTaxCheck.Returns.Tests.Support;

/// <summary>A test run that ended without stopping its PostgreSQL leaves a cluster; the next run removes it.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task ReapOrphans_RemovesClustersOfEndedRuns_AndKeepsThoseOfLiveOnes()
    {
        var self = PostgresServer.ProcessIdentity(Environment.ProcessId);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Pid 0 is never a process; this process is alive, but a folder naming another start time names an ended one that
        // had the same pid.
        var ended = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"etc-pg-0-1-{tag}"));
        var reused = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"etc-pg-{self}0-{tag}"));
        var live = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"etc-pg-{self}-{tag}"));
        await File.WriteAllTextAsync(Path.Combine(ended.FullName, "server.log"), "left behind");
        try
        {
            await PostgresServer.ReapOrphansAsync();

            Assert.False(Directory.Exists(ended.FullName));
            Assert.False(Directory.Exists(reused.FullName));
            Assert.True(Directory.Exists(live.FullName));
        }
        finally
        {
            foreach (var folder in new[] { ended, reused, live }.Where(f => Directory.Exists(f.FullName)))
                folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WatchOwner_RemovesTheClusterFolder_OnceItsOwnerHasEnded()
    {
        // Named after this live process, so a cluster start of another test running now leaves it to the watcher.
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"etc-pg-{PostgresServer.ProcessIdentity(Environment.ProcessId)}-{Guid.NewGuid().ToString("N")[..8]}"));
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "server.log"), "in use");
        using var owner = Process.Start("sleep", "2");
        try
        {
            PostgresServer.WatchOwner(owner.Id, root.FullName);
            Assert.True(Directory.Exists(root.FullName));

            await owner.WaitForExitAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Directory.Exists(root.FullName) && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.False(Directory.Exists(root.FullName), "The watcher left the folder of an ended owner.");
        }
        finally
        {
            if (Directory.Exists(root.FullName))
                root.Delete(recursive: true);
        }
    }
}
