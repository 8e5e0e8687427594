namespace ExportTaxCheck.Engine.Activities;

/// <summary>Marks an activity that holds a list of children and runs them itself (Elsa's Container: a sequence).</summary>
public interface IContainerActivity;
