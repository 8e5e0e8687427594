using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace ExportTaxCheck.Testing;

/// <summary>The Host as a real operating-system process (dotnet ExportTaxCheck.Host.dll), for crash and restart tests.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _process.OutputDataReceived += (_, e) => { lock (_output) if (e.Data is not null) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) if (e.Data is not null) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    /// <summary>A Host on the SQLite file <paramref name="databasePath"/>, its workflows-json folder beside it.</summary>
    /// <remarks>
    /// The development keys and demo passwords of appsettings.json are replaced by the test ones (Production refuses them),
    /// unless <paramref name="shippedCredentials"/> asks for the Host exactly as shipped.
    /// </remarks>
    public static Task<HostProcess> StartAsync(string databasePath, IDictionary<string, string>? settings = null, int? port = null, bool shippedCredentials = false)
    {
        var all = new Dictionary<string, string> { ["Database__ConnectionString"] = $"Data Source={databasePath}" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;
        return StartInAsync(Path.GetDirectoryName(databasePath)!, all, port, shippedCredentials);
    }

    /// <summary>
    /// A Host working in <paramref name="directory"/> (its workflows-json folder there) with the analyst key and
    /// <paramref name="settings"/> (environment variable names, <c>Section__Key</c>) over its appsettings.json.
    /// </summary>
    public static async Task<HostProcess> StartInAsync(string directory, IDictionary<string, string> settings, int? port = null, bool shippedCredentials = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(directory, settings, port ?? Ports.Free(), shippedCredentials);
            try
            {
                await host.WaitHealthyAsync();
                return host;
            }
            // A freed port can be taken by another Host of the test run before this one binds it: try another port.
            catch (InvalidOperationException) when (port is null && attempt < 3 && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await host.DisposeAsync();
            }
        }
    }

    private static HostProcess Launch(string directory, IDictionary<string, string> settings, int chosen, bool shippedCredentials)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ExportTaxCheck.Host.dll");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Urls"] = $"http://127.0.0.1:{chosen}";
        info.Environment["Workflows__Directory"] = Path.Combine(directory, "workflows-json");
        // Production refuses the development keys and demo passwords of appsettings.json: every one is replaced.
        if (!shippedCredentials)
        {
            foreach (var (key, value) in TestKeys.Settings("__"))
                info.Environment[key] = value;
            for (var i = 0; i < TestKeys.ConfiguredUsers; i++)
                info.Environment[$"Auth__Users__{i}__PasswordHash"] = TestKeys.PasswordHash;
        }
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings)
            info.Environment[key] = value;
        // Kestrel says where it listens: that line, not a healthy answer on the port, proves this process got the port.
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        return new HostProcess(process, chosen);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key ?? TestKeys.Analyst);
        return client;
    }

    /// <summary>The most memory the process has held so far (VmHWM of /proc/{pid}/status), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, as in a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        // A node started again beside two busy ones on two cores starts slowly (JIT, migrations check, flow import).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The Host exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                // Another process (a Host of another test that took the freed port first) may answer on the port.
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK && Output.Contains($"Now listening on: {BaseAddress.ToString().TrimEnd('/')}", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The Host did not become healthy:\n" + Output);
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
