using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Engine.Tests.Tasks;

/// <summary>What a definition may change in a step's form (labels, help, order, options, extra fields) and what it may not (the fields the step reads).</summary>
public class TaskFormGuardTests
{
    private static JsonArray Defaults() => (JsonArray)JsonNode.Parse("""
        [
          { "name": "method", "label": "Method", "type": "select", "required": true, "options": ["Repaid", "Offset"] },
          { "name": "reasons", "label": "Reason codes", "type": "multiselect", "requiredFor": ["Reject"], "options": ["A", "B", "C"] },
          { "name": "period", "label": "Period", "type": "text", "pattern": "^\\d{6}$", "maxLength": 6 }
        ]
        """)!;

    [Fact]
    public void RelabelledReorderedForm_WithFewerOptionsAndAnExtraField_IsAccepted()
    {
        var form = Defaults();
        var method = form[0]!;
        form.RemoveAt(0);
        form.Add(method);
        form[0]!["label"] = new JsonObject { ["en"] = "Grounds", ["zh-CN"] = "依据" };
        form[0]!["description"] = "Tick what applies.";
        form[0]!["options"] = new JsonArray(new JsonObject { ["value"] = "A", ["label"] = new JsonObject { ["en"] = "First", ["zh-CN"] = "第一" } }, "C");
        form.Add(new JsonObject { ["name"] = "note", ["type"] = "multiline", ["required"] = true });

        Assert.Empty(TaskFormGuard.Check(form, Defaults()));
        Assert.Empty(TaskForms.CheckDefinition(form));
    }

    [Theory]
    [InlineData("drop", "'method' is missing")]
    [InlineData("retype", "'method' must stay of type 'select'")]
    [InlineData("optional", "'method' must stay required")]
    [InlineData("requiredFor", "'reasons' must stay required for Reject")]
    [InlineData("option", "'reasons' offers option 'D'")]
    [InlineData("pattern", "'period' must keep its pattern")]
    [InlineData("maxLength", "'period' must keep a maxLength of at most 6")]
    public void FormThatBreaksAFieldTheStepReads_IsRefused_NamingTheField(string change, string expected)
    {
        var form = Defaults();
        switch (change)
        {
            case "drop": form.RemoveAt(0); break;
            case "retype": form[0]!["type"] = "text"; break;
            case "optional": form[0]!["required"] = false; break;
            case "requiredFor": form[1]!["requiredFor"] = new JsonArray(); break;
            case "option": form[1]!["options"]!.AsArray().Add("D"); break;
            case "pattern": form[2]!.AsObject().Remove("pattern"); break;
            default: form[2]!["maxLength"] = 60; break;
        }

        var problem = Assert.Single(TaskFormGuard.Check(form, Defaults()));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelInOneLanguageOnly_IsRefused()
    {
        var form = Defaults();
        form[0]!["label"] = new JsonObject { ["en"] = "Method" };

        Assert.Contains(TaskForms.CheckDefinition(form), p => p.Contains("'method': label", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zh-CN", "依据")]
    [InlineData("en-US", "Grounds")]
    [InlineData("fr-FR", "Grounds")]
    public void OwnLabel_IsShownInThePagesLanguage(string culture, string expected) =>
        Assert.Equal(expected, FormTexts.In(new JsonObject { ["en"] = "Grounds", ["zh-CN"] = "依据" }, culture));
}
