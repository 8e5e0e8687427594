namespace ExportTaxCheck.Host.Api;

public sealed class PayloadTooLargeException(long limit)
    : ProblemException(413, "Payload too large", "PAYLOAD_TOO_LARGE", $"The request body is larger than {limit / 1024 / 1024} MiB.");
