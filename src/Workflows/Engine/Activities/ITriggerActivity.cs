namespace ExportTaxCheck.Engine.Activities;

/// <summary>An activity that can start a new workflow instance (Event, Timer, Cron).</summary>
public interface ITriggerActivity
{
    /// <summary>The triggers to index when the definition is published.</summary>
    IEnumerable<TriggerRequest> GetTriggers(TriggerContext context);
}
