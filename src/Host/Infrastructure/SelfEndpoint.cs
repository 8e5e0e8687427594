using System.Security.Cryptography;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>The address this Host listens on (for the built-in customs and tax ends) and the key its own calls carry.</summary>
public sealed class SelfEndpoint(IServer server) : ISelfEndpoint
{
    /// <summary>Made at start-up, never configured or logged: it only lets this process call itself.</summary>
    public static readonly string InternalKey = "internal-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string SystemApiKey => InternalKey;

    public Uri BaseAddress
    {
        get
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                          ?? throw new InvalidOperationException("The Host has no listening address yet.");
            var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
            return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        }
    }
}
