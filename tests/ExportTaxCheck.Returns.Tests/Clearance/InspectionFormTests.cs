using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class InspectionFormTests
{
    [Fact]
    public void Read_NoLines_KeepsEveryLineAsDeclared()
    {
        Assert.Empty(InspectionForm.Read(null));
    }

    [Fact]
    public void Read_FieldsLeftOut_MeanBasicallySameAndUnused()
    {
        var facts = InspectionForm.Read(JsonNode.Parse("""[{ "lineNo": 2, "handlingPerformed": ["Unpacked", "Inspected"] }]"""))[2];

        Assert.True(facts.FormBasicallySame);
        Assert.False(facts.AccessoriesOrPartsAdded);
        Assert.False(facts.Used);
        Assert.Equal(UsageException.None, facts.UsageException);
        Assert.Equal(new HashSet<Handling> { Handling.Unpacked, Handling.Inspected }, facts.HandlingPerformed);
    }

    [Fact]
    public void ReadLines_CarriesTheActualEntryDate_WhenGiven()
    {
        var lines = InspectionForm.ReadLines(JsonNode.Parse("""[{ "lineNo": 1, "actualEntryDate": "2026-08-21" }, { "lineNo": 2, "used": true }]"""));

        Assert.Equal(new DateOnly(2026, 8, 21), lines[1].ActualEntryDate);
        Assert.Null(lines[2].ActualEntryDate);
        Assert.True(lines[2].Facts.Used);
    }

    [Fact]
    public void Read_OldAccessoriesName_IsStillRead()
    {
        Assert.True(InspectionForm.Read(JsonNode.Parse("""[{ "lineNo": 1, "accessoriesAdded": true }]"""))[1].AccessoriesOrPartsAdded);
    }

    [Theory]
    [InlineData("""{ "lineNo": 1 }""")]
    [InlineData("""[{ "lineNo": "one" }]""")]
    [InlineData("""[{ "lineNo": 1, "handlingPerformed": ["Polished"] }]""")]
    public void Read_Malformed_IsFormInvalidOnTheLinesField(string json)
    {
        var problem = Assert.Throws<InvalidRequestException>(() => InspectionForm.Read(JsonNode.Parse(json)));

        Assert.Equal("FORM_INVALID", problem.Code);
        Assert.True(problem.Errors.ContainsKey("lines"));
    }
}
