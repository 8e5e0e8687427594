namespace ExportTaxCheck.Engine.Activities;

/// <summary>
/// An activity whose failures, once its retry policy is spent, become an outcome instead of an incident
/// (for example a remote system that stays unreachable). Return null to raise the incident after all.
/// </summary>
public interface IRetriesExhaustedHandler
{
    ValueTask<ActivityResult?> OnRetriesExhaustedAsync(ActivityContext context, Exception exception);
}
