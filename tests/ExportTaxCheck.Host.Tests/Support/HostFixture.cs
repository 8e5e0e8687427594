using System.Net.Http.Headers;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ExportTaxCheck.Host.Tests.Support;

/// <summary>
/// The Host on a real loopback port (Kestrel), with its own SQLite file or PostgreSQL database, an analyst API key and a
/// clock the test moves.
/// </summary>
public sealed class HostFixture : WebApplicationFactory<Program>
{
    public const string AnalystKey = TestKeys.Analyst;
    public const string ExporterKey = TestKeys.Exporter;
    public const string OtherExporterKey = TestKeys.OtherExporter;
    public const string TaxOfficerKey = TestKeys.TaxOfficer;
    public const string CustomsOfficerKey = TestKeys.CustomsOfficer;
    public const string SupervisorKey = TestKeys.Supervisor;
    public const string TaxOfficer2Key = TestKeys.TaxOfficer2;
    public const string ExporterUscc = TestKeys.ExporterUscc;
    public const string OtherExporterUscc = TestKeys.OtherExporterUscc;

    /// <summary>Every test officer's password.</summary>
    public const string Password = TestKeys.Password;
    private static readonly string PasswordHash = PasswordHashing.Hash(Password);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "etc-host-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly string? _postgreSql;

    /// <param name="settings">Settings over the test defaults.</param>
    /// <param name="database">The database the Host runs on.</param>
    /// <param name="poolSize">On PostgreSQL, at most this many pooled connections.</param>
    /// <param name="poolWaitSeconds">With <paramref name="poolSize"/>, how long a request waits for a connection.</param>
    public HostFixture(IDictionary<string, string?>? settings = null, TestDatabase database = TestDatabase.Sqlite, int? poolSize = null, int poolWaitSeconds = 20)
    {
        Directory.CreateDirectory(_directory);
        Database = database;
        if (database == TestDatabase.PostgreSql)
            _postgreSql = Task.Run(async () => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync()).GetAwaiter().GetResult();
        if (_postgreSql is not null && poolSize is { } size)
            _postgreSql = new Npgsql.NpgsqlConnectionStringBuilder(_postgreSql) { MaxPoolSize = size, Timeout = poolWaitSeconds }.ConnectionString;
        _settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Database:Provider"] = database == TestDatabase.PostgreSql ? "PostgreSql" : "Sqlite",
            ["Database:ConnectionString"] = _postgreSql ?? $"Data Source={Path.Combine(_directory, "host.db")}",
            ["Workflows:Directory"] = Path.Combine(_directory, "workflows-json"),
            ["Returns:ReferenceDataFile"] = "",
            ["Mail:PickupDirectory"] = Path.Combine(_directory, "mail"),
            ["Mail:TemplateDirectory"] = Path.Combine(RepositoryRoot, "notification-templates"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestKeys.Settings())
            _settings[key] = value;
        var users = new[] { ("tax.officer", "TaxOfficer"), ("tax.officer2", "TaxOfficer"), ("customs.officer", "CustomsOfficer"), ("supervisor", "Supervisor"), ("analyst", "Analyst") };
        for (var i = 0; i < users.Length; i++)
        {
            _settings[$"Auth:Users:{i}:UserName"] = users[i].Item1;
            _settings[$"Auth:Users:{i}:DisplayName"] = users[i].Item1;
            _settings[$"Auth:Users:{i}:Email"] = users[i].Item1 + "@officers.example.cn";
            _settings[$"Auth:Users:{i}:Roles:0"] = users[i].Item2;
            _settings[$"Auth:Users:{i}:PasswordHash"] = PasswordHash;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        UseKestrel(0);
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 8, 1, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Requests this Host received at its built-in customs and tax ends.</summary>
    public SelfCallCounter CustomsRequests { get; } = new();

    public string WorkflowsDirectory => Path.Combine(_directory, "workflows-json");

    /// <summary>Where mail goes when no SMTP server is configured.</summary>
    public string PickupDirectory => Path.Combine(_directory, "mail");

    /// <summary>Starts the server; returns a client with the analyst key on the real loopback address.</summary>
    public HttpClient Analyst()
    {
        StartServer();
        var client = CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", AnalystKey);
        return client;
    }

    /// <summary>A client on the real loopback address with the given API key.</summary>
    public HttpClient WithKey(string key)
    {
        StartServer();
        var client = CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    /// <summary>
    /// A Host with the product's flows whose customs and tax calls go through <paramref name="network"/> (one try per
    /// call, 5 s timeout), so a test can cut the line.
    /// </summary>
    public static HostFixture BehindNetwork(SwitchableServer network, TestDatabase database = TestDatabase.Sqlite)
    {
        var host = new HostFixture(new Dictionary<string, string?>
        {
            ["Customs:BaseUrl"] = network.BaseUrl + "/customs/api",
            ["Customs:TaxBaseUrl"] = network.BaseUrl + "/tax/api",
            ["Customs:Retries"] = "0",
            ["Customs:Timeout"] = "00:00:05",
        }, database).WithProductFlows();
        network.Target = host.Services.GetRequiredService<ISelfEndpoint>().BaseAddress;
        return host;
    }

    /// <summary>Copies the product's flows into this Host's workflow folder (before the server starts).</summary>
    public HostFixture WithProductFlows()
    {
        Directory.CreateDirectory(WorkflowsDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "workflows-json"), "*.json"))
            File.Copy(file, Path.Combine(WorkflowsDirectory, Path.GetFileName(file)), overwrite: true);
        return this;
    }

    public static string RepositoryRoot => Repository.Root;

    /// <summary>A client that keeps cookies and does not follow redirects (for the sign-in cookie and the pages).</summary>
    public HttpClient Browser(System.Net.CookieContainer? cookies = null)
    {
        StartServer();
        using var probe = CreateDefaultClient();
        return new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = cookies ?? new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = probe.BaseAddress,
        };
    }

    /// <summary>A <see cref="Browser"/> signed in as <paramref name="userName"/> through the sign-in form.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string userName, System.Net.CookieContainer? cookies = null)
    {
        var browser = Browser(cookies);
        var form = await browser.GetStringAsync("/signin");
        using var signIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = Password, ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        if ((int)signIn.StatusCode != 302)
            throw new InvalidOperationException($"Sign-in of {userName} answered {(int)signIn.StatusCode}.");
        return browser;
    }

    /// <summary>The antiforgery token a page's forms carry.</summary>
    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

    public HttpClient Anonymous()
    {
        StartServer();
        return CreateDefaultClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<IStartupFilter>(CustomsRequests);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgreSql is not null)
            await (await PostgresServer.SharedAsync()).DropDatabaseAsync(_postgreSql);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
