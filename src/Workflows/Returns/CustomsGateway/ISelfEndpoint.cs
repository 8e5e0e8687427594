namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>Where this Host listens and the key its own system calls carry; supplied by the Host.</summary>
public interface ISelfEndpoint
{
    Uri BaseAddress { get; }
    string SystemApiKey { get; }
}
