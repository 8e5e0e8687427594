namespace ExportTaxCheck.Testing;

/// <summary>
/// Several Host processes on one PostgreSQL database, each on its own loopback port, sharing the work. A node can be
/// killed (SIGKILL) and started again on its port.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _settings;
    private readonly HostProcess?[] _nodes;
    private readonly int[] _ports;

    private Cluster(string directory, Dictionary<string, string> settings, int size)
    {
        _directory = directory;
        _settings = settings;
        _nodes = new HostProcess?[size];
        _ports = Enumerable.Range(0, size).Select(_ => Ports.Free()).ToArray();
    }

    public IReadOnlyList<Uri> Addresses => _ports.Select(p => new Uri($"http://127.0.0.1:{p}")).ToList();

    public HostProcess Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"Node {index} is not running.");

    /// <summary>
    /// Starts <paramref name="size"/> nodes with the product's flows on the PostgreSQL database <paramref name="connectionString"/>:
    /// the first alone (it migrates the database and imports the flows), then the others together.
    /// </summary>
    public static Task<Cluster> StartAsync(int size, string connectionString, IDictionary<string, string>? settings = null) =>
        StartAsync(size, "PostgreSql", connectionString, settings);

    public static async Task<Cluster> StartAsync(int size, string provider, string connectionString, IDictionary<string, string>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("etc-cluster-").FullName;
        var flows = Path.Combine(directory, "workflows-json");
        Directory.CreateDirectory(flows);
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "workflows-json"), "*.json"))
            File.Copy(file, Path.Combine(flows, Path.GetFileName(file)));

        var all = TestKeys.Settings("__");
        all["Database__Provider"] = provider;
        all["Database__ConnectionString"] = connectionString;
        all["Returns__ReferenceDataFile"] = "";
        all["Mail__TemplateDirectory"] = Path.Combine(Repository.Root, "notification-templates");
        all["Mail__PickupDirectory"] = Path.Combine(directory, "mail");
        all["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;

        var cluster = new Cluster(directory, all, size);
        await cluster.StartNodeAsync(0);
        await Task.WhenAll(Enumerable.Range(1, size - 1).Select(cluster.StartNodeAsync));
        return cluster;
    }

    /// <summary>The nodes' pickup folder for e-mail (the <c>Mail:PickupDirectory</c> they were started with).</summary>
    public string PickupDirectory => _settings["Mail__PickupDirectory"];

    public async Task StartNodeAsync(int index)
    {
        if (_nodes[index] is not null)
            throw new InvalidOperationException($"Node {index} is running.");
        _nodes[index] = await HostProcess.StartInAsync(_directory, _settings, _ports[index]);
    }

    /// <summary>SIGKILL: the node's in-flight requests, steps, leases and database sessions die with it.</summary>
    public async Task KillAsync(int index)
    {
        var node = Node(index);
        _nodes[index] = null;
        await node.KillAsync();
        await node.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => n is not null))
            await node!.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
