using System.Net.Sockets;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.Tests.CustomsGateway;

public class HttpCustomsGatewayTests
{
    private sealed class Self : ISelfEndpoint
    {
        public Uri BaseAddress { get; } = new("http://127.0.0.1:1/");
        public string SystemApiKey => "system";
    }

    /// <summary>Fails every request the way the network does, counting the tries.</summary>
    private sealed class FailingNetwork(Func<Exception> failure) : HttpMessageHandler
    {
        public int Tries { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Tries++;
            throw failure();
        }
    }

    public static TheoryData<string> Failures => ["reset while connecting", "stream cut", "refused"];

    private static Exception Failure(string kind) => kind switch
    {
        "reset while connecting" => new SocketException((int)SocketError.NotConnected),
        "stream cut" => new IOException("Unable to read data from the transport connection."),
        _ => new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_DroppedConnection_IsANetworkFailure_AfterTheRetries(string kind)
    {
        var network = new FailingNetwork(() => Failure(kind));
        var options = new CustomsGatewayOptions { Retries = 2, RetryDelay = TimeSpan.Zero };
        var gateway = new HttpCustomsGateway(new HttpClient(network), Options.Create(options), new Self(), NullLogger<HttpCustomsGateway>.Instance);

        var failure = await Assert.ThrowsAsync<CustomsUnavailableException>(() => gateway.SendUsageFeedbackAsync(new UsageFeedbackMessage("feedback-1", null!), default));

        Assert.Equal(UnavailableCause.NetworkFailure, failure.Cause);
        Assert.Equal(3, network.Tries);
    }

    [Fact]
    public async Task EveryTry_IsLoggedAtDebug_NotAtInformation()
    {
        var network = new FailingNetwork(() => Failure("refused"));
        var logger = new RecordingLogger();
        var gateway = new HttpCustomsGateway(new HttpClient(network), Options.Create(new CustomsGatewayOptions { Retries = 1, RetryDelay = TimeSpan.Zero }), new Self(), logger);

        await Assert.ThrowsAsync<CustomsUnavailableException>(() => gateway.SendUsageFeedbackAsync(new UsageFeedbackMessage("feedback-1", null!), default));

        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Contains("Customs gateway POST", logger.Entries[0].Message, StringComparison.Ordinal);
    }

    /// <summary>Keeps what the gateway logs, at every level.</summary>
    private sealed class RecordingLogger : ILogger<HttpCustomsGateway>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
