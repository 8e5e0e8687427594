using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host;

// `dotnet run --project src/Host -- hash-password [password]` prints a hash for Auth:Users (reads stdin without an argument).
if (args is ["hash-password", ..])
{
    var password = args.Length > 1 ? args[1] : Console.ReadLine() ?? "";
    Console.WriteLine(PasswordHashing.Hash(password));
    return;
}

// `dotnet run --project src/Host -- seed-demo` loads the demo export lines, dated relative to today, into the configured database.
if (args is ["seed-demo", ..])
{
    var seeding = WebApplication.CreateBuilder(args[1..]);
    seeding.Configuration["Workers:Enabled"] = "false";
    seeding.AddExportTaxCheck();
    await using var seeder = seeding.Build();
    Console.WriteLine(ExportTaxCheck.Host.Infrastructure.DemoData.Describe(await ExportTaxCheck.Host.Infrastructure.DemoData.SeedAsync(seeder.Services, CancellationToken.None), seeder.Services));
    return;
}

// Settings are read at start. Watching appsettings.json for edits means watching the content root and every folder under
// it, and the database, its WAL and the mail folder live there: each write would wake the watcher.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddExportTaxCheck();

var app = builder.Build();
await app.InitializeExportTaxCheckAsync();
app.MapExportTaxCheck();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
