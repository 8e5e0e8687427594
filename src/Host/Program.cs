using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host;

// `dotnet run --project src/Host -- hash-password [password]` prints a hash for Auth:Users (reads stdin without an argument).
if (args is ["hash-password", ..])
{
    var password = args.Length > 1 ? args[1] : Console.ReadLine() ?? "";
    Console.WriteLine(PasswordHashing.Hash(password));
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddExportTaxCheck();

var app = builder.Build();
await app.InitializeExportTaxCheckAsync();
app.MapExportTaxCheck();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
