using System.Text.Json;
using ExportTaxCheck.Engine.Expressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// Turns refusals into ProblemDetails with the right status: our <see cref="ProblemException"/>s, definition
/// format and validation errors, malformed request bodies, a database with no connection free in time (503 with
/// Retry-After). Anything else is a 500 and is logged as a bug.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var details = Map(exception);
        if (details is not null && details.Extensions.TryGetValue("code", out var code) && code is DatabaseBusy.Code)
        {
            logger.LogWarning(exception, "Database busy on {Method} {Path}; answered 503", context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = "1";
        }
        if (details is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            details = new ProblemDetails { Status = 500, Title = "Internal error", Detail = "The server failed to handle the request; it has been logged." };
        }

        context.Response.StatusCode = details.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    public static ProblemDetails? Map(Exception exception)
    {
        switch (exception)
        {
            case InvalidRequestException invalid:
                var validation = new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = 400,
                    Title = invalid.Title,
                    Detail = invalid.Message,
                };
                validation.Extensions["code"] = invalid.Code;
                foreach (var (key, value) in invalid.Extensions)
                    validation.Extensions[key] = value;
                return validation;
            case ProblemException problem:
                var details = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message };
                details.Extensions["code"] = problem.Code;
                foreach (var (key, value) in problem.Extensions)
                    details.Extensions[key] = value;
                return details;
            case DefinitionValidationException invalidDefinition:
                var errors = new ProblemDetails
                {
                    Status = 400,
                    Title = "Invalid workflow definition",
                    Detail = invalidDefinition.Message,
                };
                errors.Extensions["code"] = "DEFINITION_INVALID";
                errors.Extensions["errors"] = invalidDefinition.Errors.Select(e => new { e.Code, e.Message, e.ActivityId }).ToList();
                return errors;
            case DefinitionFormatException format:
                return Bad("DEFINITION_MALFORMED", "Malformed workflow definition", format.Message);
            case ExpressionException expression:
                return Bad("EXPRESSION_INVALID", "Invalid expression", expression.Message);
            case BadHttpRequestException badRequest:
                var bad = Bad("REQUEST_MALFORMED", "Malformed request", FirstLine(badRequest.InnerException is JsonException json ? "The request body is not valid JSON: " + json.Message : badRequest.Message));
                bad.Status = badRequest.StatusCode;
                return bad;
            case JsonException jsonError:
                return Bad("REQUEST_MALFORMED", "Malformed request", "The request body is not valid JSON: " + FirstLine(jsonError.Message));
            case OperationCanceledException:
                return new ProblemDetails { Status = 499, Title = "Request cancelled", Detail = "The client closed the request." };
            case not null when DatabaseBusy.Is(exception):
                var busy = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Database busy",
                    Detail = "The database had no connection free in time and the request did not finish. Send it again with the same Idempotency-Key: what it already did is not done twice.",
                };
                busy.Extensions["code"] = DatabaseBusy.Code;
                return busy;
            default:
                return null;
        }
    }

    /// <summary>
    /// Problems the framework writes itself (no endpoint, a route constraint that does not match, a failed antiforgery
    /// check, a refused credential) get a code from their status, so every error a client sees carries one.
    /// </summary>
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        details.Extensions.TryAdd("code", CodeOf(details.Status));
    }

    /// <summary>The code of a problem that has only its HTTP status.</summary>
    public static string CodeOf(int? status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHENTICATED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        413 => "PAYLOAD_TOO_LARGE",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        500 => "INTERNAL_ERROR",
        { } other => "HTTP_" + other.ToString(System.Globalization.CultureInfo.InvariantCulture),
        null => "ERROR",
    };

    private static ProblemDetails Bad(string code, string title, string detail)
    {
        var details = new ProblemDetails { Status = 400, Title = title, Detail = detail };
        details.Extensions["code"] = code;
        return details;
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }
}
