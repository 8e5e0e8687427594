using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using ExportTaxCheck.Workflows.Returns.Certificates;
using ExportTaxCheck.Workflows.Returns.Customs;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Workflows.Returns.Gateway;

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

/// <summary>The remote system could not be reached or failed (connection refused, timeout, 5xx): the retry budget applies.</summary>
public sealed class CustomsUnavailableException(UnavailableCause cause, string message, Exception? inner = null) : Exception(message, inner)
{
    public UnavailableCause Cause { get; } = cause;
}

/// <summary>Customs refused the certificate message itself (NACK): resending will not help.</summary>
public sealed class CustomsRejectedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

public sealed record CertificateMessage(Guid MessageId, Certificate Certificate, IReadOnlyDictionary<int, RefundStatus> RefundStatus);

public sealed record TransmissionAck(AckStatus Status, DateTimeOffset? AckAt, string? NackReason);

public sealed record CrossCheckRequest(ReturnDeclaration Declaration, bool AcceptGoodsNameDifference);

public sealed record UsageFeedbackMessage(string Id, UsageFeedback Feedback);

public sealed record UsageFeedbackReceipt(bool Received, bool DoubleUseDetected);

/// <summary>Tax ↔ customs: certificate transmission (stage 8), the online cross-check (stage 10) and usage feedback (stage 12).</summary>
public interface ICustomsGateway
{
    Task<TransmissionAck> TransmitAsync(CertificateMessage message, CancellationToken ct);

    Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct);

    Task<UsageFeedbackReceipt> SendUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct);
}

/// <summary>Where this Host listens and the key its own system calls carry; supplied by the Host.</summary>
public interface ISelfEndpoint
{
    Uri BaseAddress { get; }
    string SystemApiKey { get; }
}

/// <summary>
/// The customs gateway over HTTP. Failures that say nothing about the message (refused connection, timeout, 5xx)
/// become <see cref="CustomsUnavailableException"/> with the cause §5.9 names, after a few quick retries.
/// </summary>
public sealed class HttpCustomsGateway(HttpClient http, IOptions<CustomsGatewayOptions> options, ISelfEndpoint self) : ICustomsGateway
{
    private readonly CustomsGatewayOptions _options = options.Value;

    public async Task<TransmissionAck> TransmitAsync(CertificateMessage message, CancellationToken ct)
    {
        using var response = await SendAsync(CustomsUrl("certificate-transmissions"), message, ct);
        if (response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            var nack = await ReadAsync<TransmissionAck>(response, ct);
            throw new CustomsRejectedException(nack?.NackReason ?? "SCHEMA_INVALID", $"Customs refused certificate {message.Certificate.CertificateNo}: {nack?.NackReason}.");
        }
        await EnsureAnswered(response);
        return await ReadAsync<TransmissionAck>(response, ct)
               ?? throw new CustomsUnavailableException(UnavailableCause.SystemFailure, "Customs answered the transmission with an empty body.");
    }

    public async Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct)
    {
        using var response = await SendAsync(CustomsUrl("cross-checks"), request, ct);
        await EnsureAnswered(response);
        return await ReadAsync<CrossCheckResult>(response, ct)
               ?? throw new CustomsUnavailableException(UnavailableCause.SystemFailure, "Customs answered the cross-check with an empty body.");
    }

    public async Task<UsageFeedbackReceipt> SendUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct)
    {
        using var response = await SendAsync(TaxUrl("usage-feedback"), message, ct);
        await EnsureAnswered(response);
        return await ReadAsync<UsageFeedbackReceipt>(response, ct) ?? new UsageFeedbackReceipt(true, false);
    }

    private Uri CustomsUrl(string path) => Combine(_options.BaseUrl, "customs/api/", path);

    private Uri TaxUrl(string path) => Combine(_options.TaxBaseUrl, "tax/api/", path);

    private Uri Combine(string? configured, string builtInPrefix, string path)
    {
        var root = string.IsNullOrWhiteSpace(configured) ? new Uri(self.BaseAddress, builtInPrefix) : new Uri(configured.TrimEnd('/') + "/");
        return new Uri(root, path);
    }

    private async Task<HttpResponseMessage> SendAsync<T>(Uri url, T body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(ReturnsJson.Serialize(body), System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", string.IsNullOrEmpty(_options.ApiKey) ? self.SystemApiKey : _options.ApiKey);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout);
            CustomsUnavailableException failure;
            try
            {
                var response = await http.SendAsync(request, timeout.Token);
                if ((int)response.StatusCode < 500)
                    return response;
                failure = new CustomsUnavailableException(UnavailableCause.SystemFailure, $"{url} answered {(int)response.StatusCode}.");
                response.Dispose();
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                failure = new CustomsUnavailableException(UnavailableCause.Timeout, $"{url} did not answer within {_options.Timeout.TotalSeconds:0.#} s.", ex);
            }
            catch (HttpRequestException ex)
            {
                failure = new CustomsUnavailableException(UnavailableCause.NetworkFailure, $"{url} could not be reached: {Describe(ex)}.", ex);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
            {
                // A connection the peer drops while it is being set up can surface unwrapped (the socket's remote end read after the reset).
                failure = new CustomsUnavailableException(UnavailableCause.NetworkFailure, $"{url} could not be reached: {ex.Message}.", ex);
            }

            if (attempt >= _options.Retries)
                throw failure;
            await Task.Delay(_options.RetryDelay * (1 << attempt), ct);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ReturnsJson.Options, ct);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new CustomsUnavailableException(UnavailableCause.SystemFailure, $"The remote system answered with an unreadable body: {ex.Message}", ex);
        }
    }

    private static async Task EnsureAnswered(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"The customs system refused the request ({(int)response.StatusCode}): {body}");
    }

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
}
