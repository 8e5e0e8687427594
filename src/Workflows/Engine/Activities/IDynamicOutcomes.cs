namespace ExportTaxCheck.Engine.Activities;

/// <summary>Marks an activity whose ports are computed from its inputs (Studio reads them from the node).</summary>
public interface IDynamicOutcomes;
