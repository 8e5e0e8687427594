namespace ExportTaxCheck.Testing;

public static class Ports
{
    /// <summary>A loopback port nobody listens on now.</summary>
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
