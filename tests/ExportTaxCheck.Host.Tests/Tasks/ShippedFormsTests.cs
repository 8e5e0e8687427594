using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Host.Tests.Tasks;

/// <summary>The shipped return-case flow writes every step's form out, so analysts see and edit it in Studio; as shipped it is the step's default.</summary>
public sealed class ShippedFormsTests
{
    [Fact]
    public void ShippedReturnCaseFlow_WritesEveryStepForm_EqualToTheStepsDefault()
    {
        var flow = JsonNode.Parse(File.ReadAllText(Path.Combine(HostFixture.RepositoryRoot, "workflows-json", "export-return-case.json")))!;
        var steps = typeof(DecideClearance).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(HumanTaskActivity)) && !t.IsAbstract)
            .ToDictionary(t => "ExportTaxCheck." + t.Name, t => ((HumanTaskActivity)Activator.CreateInstance(t)!).DefaultForm);

        var nodes = flow["root"]!["activities"]!.AsArray().OfType<JsonObject>().Where(n => steps.ContainsKey(n["type"]!.GetValue<string>())).ToList();

        Assert.Equal(6, nodes.Count);
        Assert.All(nodes, node =>
        {
            var expected = steps[node["type"]!.GetValue<string>()];
            Assert.NotNull(expected);
            Assert.True(JsonNode.DeepEquals(expected, node["form"]),
                $"{node["id"]}: the shipped form {node["form"]?.ToJsonString()} differs from the step's default {expected!.ToJsonString()}");
            Assert.Empty(TaskFormGuard.Check(node["form"] as JsonArray, expected));
            Assert.Empty(TaskForms.CheckDefinition(node["form"] as JsonArray));
        });
    }
}
