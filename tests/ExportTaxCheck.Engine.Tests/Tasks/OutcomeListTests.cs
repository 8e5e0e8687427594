using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Engine.Tests.Tasks;

/// <summary>A task's outcomes as its row stores them (a JSON array of names), read for every task list and case view.</summary>
public sealed class OutcomeListTests
{
    [Fact]
    public void The_stored_names_are_read_in_order()
    {
        Assert.Equal(["Accept", "Reject", "需补充材料"], HumanTaskRecord.OutcomeList("""["Accept","Reject","需补充材料"]"""));
        Assert.Empty(HumanTaskRecord.OutcomeList("[]"));
        Assert.Empty(HumanTaskRecord.OutcomeList("null"));
    }

    [Fact]
    public void A_list_read_twice_is_the_same_and_no_reader_can_change_it()
    {
        var text = $$"""["Approve-{{Guid.NewGuid():N}}","Refuse"]""";
        var first = HumanTaskRecord.OutcomeList(text);
        var second = HumanTaskRecord.OutcomeList(text);

        Assert.Equal(first, second);
        // Shared between readers, so it must not be a list one of them could add to.
        var asList = Assert.IsAssignableFrom<IList<string>>(first);
        Assert.True(asList.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => asList.Add("Other"));
        Assert.Equal(2, HumanTaskRecord.OutcomeList(text).Count);
    }

    [Fact]
    public void Stored_text_that_is_not_a_json_array_of_names_is_refused_every_time()
    {
        Assert.ThrowsAny<Exception>(() => HumanTaskRecord.OutcomeList("[1,2]"));
        Assert.ThrowsAny<Exception>(() => HumanTaskRecord.OutcomeList("[1,2]"));
    }
}
