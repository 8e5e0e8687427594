using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Holds;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.RefundDeclarations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportTaxCheck.Returns;

public static class ReturnsEngineBuilderExtensions
{
    /// <summary>
    /// The return-case module: its activities, tables and migrations join the engine, and its instances' correlation ids
    /// are case ids; its rules and policy table, case commands and queries, the built-in customs and tax ends and the case
    /// model of its e-mails join the services.
    /// </summary>
    public static WorkflowEngineBuilder AddReturnCases(this WorkflowEngineBuilder engine)
    {
        engine.AddActivitiesFrom<CaseService>()
            .AddEntityConfigurationsFrom<CaseService>()
            .AddMigrations<ReturnsSqliteMigrationsContext, ReturnsPostgreSqlMigrationsContext>(ReturnsMigrations.HistoryTable, new SingleStreamAdoption())
            .UseCorrelationReference(CaseReference.Type, CaseReference.Noun);
        var services = engine.Services;
        services.TryAddSingleton(ReturnsDomainOptions.Default);
        services.TryAddSingleton(_ => PolicyTable.Default);
        services.TryAddSingleton<CaseCommandRunner>();
        services.TryAddSingleton<CaseService>();
        services.TryAddSingleton<CertificateCommands>();
        services.TryAddSingleton<LineCorrections>();
        services.TryAddSingleton<CaseHolds>();
        services.TryAddSingleton<DoubleUseReconciliation>();
        services.TryAddSingleton<RefundDeclarationService>();
        services.TryAddSingleton<BuiltInTax>();
        services.TryAddSingleton<StatusUpdateDispatcher>();
        services.TryAddSingleton<FailedTransmissions>();
        services.TryAddSingleton<CaseQueries>();
        services.TryAddSingleton<ClearancePreviewer>();
        services.TryAddSingleton<MakeUpReview>();
        services.TryAddSingleton<BuiltInCustoms>();
        services.TryAddSingleton<UsageFeedbackDispatcher>();
        services.AddSingleton<INotificationModelSource, CaseNotificationModel>();
        return engine;
    }
}
