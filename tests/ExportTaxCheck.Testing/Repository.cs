namespace ExportTaxCheck.Testing;

public static class Repository
{
    /// <summary>The folder of ExportTaxCheck.sln, found above the running assembly.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ExportTaxCheck.sln")))
                    return dir.FullName;
            throw new InvalidOperationException("Repository root not found.");
        }
    }
}
