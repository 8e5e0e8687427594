namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>A Host process with the product's flows and every test key, its database and mail in <c>directory</c>, for restart tests.</summary>
public static class ProductProcess
{
    public static Task<HostProcess> StartAsync(string directory, string databasePath, IDictionary<string, string>? extra = null)
    {
        var flows = Path.Combine(directory, "workflows-json");
        Directory.CreateDirectory(flows);
        foreach (var file in Directory.GetFiles(Path.Combine(HostFixture.RepositoryRoot, "workflows-json"), "*.json"))
            File.Copy(file, Path.Combine(flows, Path.GetFileName(file)), overwrite: true);
        var settings = TestKeys.Settings("__");
        settings["Mail__PickupDirectory"] = Path.Combine(directory, "mail");
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            settings[key] = value;
        return HostProcess.StartAsync(databasePath, settings);
    }

    /// <summary>Today in China (Asia/Shanghai): a Host process runs on the real clock, so its cases are dated from it.</summary>
    public static DateOnly ChinaToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
}
