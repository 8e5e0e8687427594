using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ExportTaxCheck.Host.Tests.Support;

namespace ExportTaxCheck.Host.Tests.Api;

/// <summary>
/// The README's examples work on any day, pasted as they are. The bash blocks the README marks
/// README-TEST run in order against a Host process started as a newcomer starts it (the shipped appsettings.json and its
/// development keys, the Development environment that dotnet run's launch profile sets, the real clock); only the address and the way the Host is launched
/// are put in (<c>dotnet run --project src/Host --</c> becomes <c>dotnet ExportTaxCheck.Host.dll</c> on the test's database).
/// The same Host logs no per-request lines of the customs client.
/// </summary>
public sealed partial class ReadmeTests : IDisposable
{
    private const string AnalystDevKey = "dev-analyst-key-change-me";
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-readme-").FullName;

    private string DatabasePath => Path.Combine(_directory, "readme.db");

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "ExportTaxCheck.Host.dll");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<HostProcess> StartAsync(string environment = "Development")
    {
        var flows = Path.Combine(_directory, "workflows-json");
        Directory.CreateDirectory(flows);
        foreach (var file in Directory.GetFiles(Path.Combine(HostFixture.RepositoryRoot, "workflows-json"), "*.json"))
            File.Copy(file, Path.Combine(flows, Path.GetFileName(file)), overwrite: true);
        return HostProcess.StartAsync(DatabasePath, new Dictionary<string, string>
        {
            // The shipped appsettings.json (keys, demo officers) is read from the content root: the Host's own folder, as with dotnet run.
            ["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory,
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Mail__PickupDirectory"] = Path.Combine(_directory, "mail"),
        }, shippedCredentials: true);
    }

    /// <summary>The README's bash blocks marked for this test, in order.</summary>
    private static List<string> MarkedBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(HostFixture.RepositoryRoot, "README.md"));
        return MarkedBlock().Matches(readme).Select(m => m.Groups["block"].Value).ToList();
    }

    [GeneratedRegex(@"<!-- README-TEST[^>]*-->\s*```bash\n(?<block>.*?)```", RegexOptions.Singleline | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 5000)]
    private static partial Regex MarkedBlock();

    [Fact]
    public async Task ReadmeExamples_PastedInOrder_OpenACaseThatRunsToClosedToday_OfficerStepsIncluded()
    {
        await using var host = await StartAsync();
        var blocks = MarkedBlocks();
        Assert.Equal(2, blocks.Count);
        var script = "set -eo pipefail\n" + string.Join("\n", blocks)
            .Replace("http://127.0.0.1:5080", host.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("dotnet run --project src/Host --", $"dotnet \"{HostDll}\"", StringComparison.Ordinal);
        var scriptFile = Path.Combine(_directory, "readme.sh");
        await File.WriteAllTextAsync(scriptFile, script);

        var (exitCode, output) = await RunBashAsync(scriptFile);

        Assert.True(exitCode == 0, $"the README's commands failed ({exitCode}):\n{output}\n--- Host ---\n{host.Output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Loaded 2 demo export line(s)", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^case RC-\d{4}-\d{6}$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        Assert.Contains("CertificateApplication", lines);
        Assert.Contains(lines, l => l.StartsWith("certificate BTZM-", StringComparison.Ordinal));
        Assert.Contains("Matched", lines);
        Assert.Equal("Closed", lines[^1]);
        // The journal example found its instance: a journal of WriteLine records.
        Assert.Contains(lines, l => l.Contains("\"eventName\":\"Completed\"", StringComparison.Ordinal));

        // The customs client logs no request at Information.
        Assert.DoesNotContain("Start processing HTTP request POST", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Customs gateway POST", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopment_NoDemoCredentialWarning()
    {
        await using var host = await StartAsync("Development");
        using var client = host.Client(AnalystDevKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cases")).StatusCode);
        Assert.DoesNotContain("Demo credentials active", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDevelopmentAndProduction_TheDemoCredentialsAreWarnedAtStart()
    {
        await using var host = await StartAsync("Staging");
        Assert.Contains("Demo credentials active in Staging: API key 'exporter-e1' is a development key", host.Output, StringComparison.Ordinal);
        Assert.Contains("signs in with the demo password", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeys_LiveWithTheData_SoASignInSurvivesARestart()
    {
        var cookies = new CookieContainer();
        await using (var first = await StartAsync())
        {
            using var browser = Browser(first, cookies);
            var form = await browser.GetStringAsync("/signin");
            using var signIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "customs.officer", ["password"] = "customs-demo-2026", ["__RequestVerificationToken"] = HostFixture.AntiforgeryToken(form),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/inbox")).StatusCode);
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "keys"), "key-*.xml"));

        await using var second = await StartAsync();
        using var again = Browser(second, cookies);
        using var inbox = await again.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
    }

    private static HttpClient Browser(HostProcess host, CookieContainer cookies)
    {
        // The cookie was issued for this loopback address and port; a restarted Host gets another port.
        var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        foreach (Cookie cookie in cookies.GetAllCookies())
            cookies.Add(host.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        return new HttpClient(handler) { BaseAddress = host.BaseAddress };
    }

    private async Task<(int ExitCode, string Output)> RunBashAsync(string scriptFile)
    {
        var info = new ProcessStartInfo("bash", [scriptFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = HostFixture.RepositoryRoot,
        };
        // What `dotnet run --project src/Host -- seed-demo` reads: the Host's settings, here on the test's database.
        info.Environment["Database__ConnectionString"] = $"Data Source={DatabasePath}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
