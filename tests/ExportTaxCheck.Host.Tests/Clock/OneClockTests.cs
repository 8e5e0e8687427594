using System.Text.RegularExpressions;

namespace ExportTaxCheck.Host.Tests.Clock;

/// <summary>Every component reads time from the one injected <see cref="TimeProvider"/>, so the simulated clock moves all of them.</summary>
public class OneClockTests
{
    // The places that must see the real clock, each for a stated reason.
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/Workflows/Engine/ServiceCollectionExtensions.cs"] = "registers the real clock as the default TimeProvider",
        ["src/Host/Clock/ClockRegistration.cs"] = "the simulated clock's base is the real clock",
        ["src/Host/Clock/ClockSyncWorker.cs"] = "reads the shared offset every real second, whatever the simulated time",
        ["src/Workflows/Engine/Runtime/Ids.cs"] = "new ids start with the real time so the primary-key index stays append-mostly (as Guid.CreateVersion7 does); no time is read back from them",
    };

    [Fact]
    public void Sources_ReadTimeOnlyFromTheInjectedTimeProvider()
    {
        var clockReads = new Regex(@"\b(?:DateTime(?:Offset)?\.(?:Utc)?Now|DateTime\.Today|TimeProvider\.System)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'), Text: File.ReadAllText(f)))
            .Where(f => !Allowed.ContainsKey(f.Path) && clockReads.IsMatch(f.Text))
            .Select(f => f.Path)
            .ToList();

        Assert.True(offenders.Count == 0, "These files read the clock directly instead of the injected TimeProvider: " + string.Join(", ", offenders));
        Assert.All(Allowed.Keys, path => Assert.True(File.Exists(Path.Combine(Repository.Root, path)), $"{path} is allowed to read the real clock but no longer exists"));
    }
}
