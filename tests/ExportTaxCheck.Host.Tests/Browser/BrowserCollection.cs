namespace ExportTaxCheck.Host.Tests.Browser;

/// <summary>The browser test classes run one after another: Studio's WebAssembly start-up beside another browser starves both of the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
