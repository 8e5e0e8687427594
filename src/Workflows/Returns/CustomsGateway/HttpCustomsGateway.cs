using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using ExportTaxCheck.Returns.CrossCheck;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The customs gateway over HTTP. Failures that say nothing about the message (refused connection, timeout, 5xx)
/// become <see cref="CustomsUnavailableException"/> with the cause §5.9 names, after a few quick retries. Every request
/// is logged at Debug (the HttpClient factory's own per-request lines are turned off for this client).
/// </summary>
public sealed partial class HttpCustomsGateway(HttpClient http, IOptions<CustomsGatewayOptions> options, ISelfEndpoint self, ILogger<HttpCustomsGateway> logger) : ICustomsGateway
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

    public async Task<StatusUpdateAck> SendStatusUpdateAsync(CertificateStatusUpdate update, CancellationToken ct)
    {
        using var response = await SendAsync(CustomsUrl("certificate-status-updates"), update, ct);
        if (response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
            throw new CustomsRejectedException("SCHEMA_INVALID", $"Customs refused the status update of certificate {update.CertificateNo}: {await response.Content.ReadAsStringAsync(ct)}");
        await EnsureAnswered(response);
        return await ReadAsync<StatusUpdateAck>(response, ct)
               ?? throw new CustomsUnavailableException(UnavailableCause.SystemFailure, "Customs answered the status update with an empty body.");
    }

    public async Task<UsageFeedbackReceipt> ReportUsageAsync(UsageFeedbackMessage message, CancellationToken ct)
    {
        using var response = await SendAsync(CustomsUrl("usage-reports"), message, ct);
        await EnsureAnswered(response);
        return await ReadAsync<UsageFeedbackReceipt>(response, ct) ?? new UsageFeedbackReceipt(true, false);
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
                LogRequest(url, (int)response.StatusCode, attempt + 1);
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

            LogFailure(url, failure.Cause, attempt + 1);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Customs gateway POST {Url} answered {Status} (try {Attempt})")]
    private partial void LogRequest(Uri url, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Customs gateway POST {Url} failed: {Cause} (try {Attempt})")]
    private partial void LogFailure(Uri url, UnavailableCause cause, int attempt);
}
