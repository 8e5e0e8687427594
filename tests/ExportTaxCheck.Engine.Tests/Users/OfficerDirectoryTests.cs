using ExportTaxCheck.Engine.Tests.Support;
using ExportTaxCheck.Engine.Users;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Engine.Tests.Users;

public class OfficerDirectoryTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private EngineFixture _engine = null!;
    private OfficerDirectory Officers => _engine.Services.GetRequiredService<OfficerDirectory>();

    public async Task InitializeAsync()
    {
        _engine = await EngineFixture.CreateAsync();
        await Officers.SeedAsync([
            new ConfiguredUser { UserName = "tax.officer", DisplayName = "Li Wei", Roles = ["TaxOfficer"], PasswordHash = PasswordHashing.Hash(Password) },
            new ConfiguredUser { UserName = "retired", Roles = ["TaxOfficer"], PasswordHash = PasswordHashing.Hash(Password), Enabled = false },
        ], default);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public void Hash_VerifiesOnlyTheSamePassword_AndIsSaltedEachTime()
    {
        var hash = PasswordHashing.Hash(Password);

        Assert.True(PasswordHashing.Verify(Password, hash));
        Assert.False(PasswordHashing.Verify(Password + "!", hash));
        Assert.NotEqual(hash, PasswordHashing.Hash(Password));
        Assert.StartsWith("PBKDF2-SHA256$100000$", hash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("PBKDF2-SHA256$100000$not base64$AAAA")]
    [InlineData("PBKDF2-SHA256$12$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    public void MalformedStoredHash_NeverVerifies(string stored) => Assert.False(PasswordHashing.Verify(Password, stored));

    [Fact]
    public async Task Seed_RejectsAUserWithoutAProperHash()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Officers.SeedAsync([new ConfiguredUser { UserName = "x", Roles = ["TaxOfficer"], PasswordHash = "secret" }], default));
        Assert.Contains("hash-password", error.Message);
    }

    [Fact]
    public async Task SignIn_RightPassword_ReturnsTheUserAndRoles_WrongOnesDoNot()
    {
        var ok = await Officers.SignInAsync("tax.officer", Password, default);
        Assert.Equal(["TaxOfficer"], ok.User!.RoleList());
        Assert.Equal("Li Wei", ok.User.DisplayName);

        Assert.Null((await Officers.SignInAsync("tax.officer", "guess", default)).User);
        Assert.Null((await Officers.SignInAsync("nobody", Password, default)).User);
        Assert.Equal("This account is disabled.", (await Officers.SignInAsync("retired", Password, default)).Problem);
    }

    [Fact]
    public async Task FiveFailures_LockTheAccountForFiveMinutes()
    {
        for (var i = 0; i < OfficerDirectory.MaxFailedSignIns; i++)
            Assert.Null((await Officers.SignInAsync("tax.officer", "guess", default)).User);

        var locked = await Officers.SignInAsync("tax.officer", Password, default);
        Assert.Null(locked.User);
        Assert.StartsWith("Too many failed sign-ins", locked.Problem);

        _engine.Clock.Advance(OfficerDirectory.LockoutPeriod);
        Assert.NotNull((await Officers.SignInAsync("tax.officer", Password, default)).User);
    }
}
