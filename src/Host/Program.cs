using ExportTaxCheck.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddExportTaxCheck();

var app = builder.Build();
await app.InitializeExportTaxCheckAsync();
app.MapExportTaxCheck();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
