namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed class CustomsGatewayOptions
{
    public const string Section = "Customs";

    /// <summary>Base URL of the customs system (…/customs/api); empty means the built-in endpoint of this Host.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Base URL of the tax system that receives usage feedback (…/tax/api); empty means this Host.</summary>
    public string? TaxBaseUrl { get; set; }

    /// <summary>API key sent to the remote systems; empty uses this Host's internal system key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Time allowed for one call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick in-call retries for a blip; the durable retry policy of the activity (V-30) comes on top.</summary>
    public int Retries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
