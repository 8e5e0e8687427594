namespace ExportTaxCheck.Host.Api;

/// <summary>
/// The refusals an endpoint documents in OpenAPI. Handlers refuse by throwing (<c>NotFoundException</c>,
/// <c>ConflictException</c>, <c>InvalidRequestException</c>...) and <c>ProblemExceptionHandler</c> writes every refusal
/// as ProblemDetails in one place, so a handler's return type names its successes and this metadata its refusals.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Every API route needs a credential: 401 without one, 403 when its roles are not the route's.</summary>
    public static TBuilder ProducesAuthProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.ProducesProblem(status);
        return builder;
    }
}
