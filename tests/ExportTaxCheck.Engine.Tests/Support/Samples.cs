namespace ExportTaxCheck.Engine.Tests.Support;

public static class Samples
{
    /// <summary>The shared Elsa sample folder, found upward from the test binaries.</summary>
    public static string Directory { get; } = Find();

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static IEnumerable<string> All => System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("ELSA_SAMPLES_DIR");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "elsa-samples");
            if (System.IO.Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("tests/elsa-samples was not found above " + AppContext.BaseDirectory);
    }
}
