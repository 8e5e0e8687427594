namespace ExportTaxCheck.Engine.Activities.Http;

/// <summary>A failed attempt of an outbound request: retryable by the activity's retry policy; the last response, if any, kept.</summary>
internal sealed class OutboundHttpFailure(string code, string message, SendHttpRequestBase.ReceivedResponse? response, Exception? inner = null)
    : ActivityFaultException(code, message, retryable: true, category: "HTTP", inner: inner)
{
    public SendHttpRequestBase.ReceivedResponse? Response { get; } = response;
}
