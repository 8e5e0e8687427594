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
        Assert.Null((await Officers.SignInAsync("retired", Password, default)).User);
    }

    [Fact]
    public async Task SignIn_UnknownWrongLockedOrDisabled_AllAnswerTheSameMessage()
    {
        var unknown = await Officers.SignInAsync("nobody", Password, default);
        var disabled = await Officers.SignInAsync("retired", Password, default);
        var wrong = await Officers.SignInAsync("tax.officer", "guess", default);
        for (var i = 1; i < OfficerDirectory.MaxFailedSignIns; i++)
            await Officers.SignInAsync("tax.officer", "guess", default);
        var locked = await Officers.SignInAsync("tax.officer", Password, default);

        Assert.Equal([SignInRefusal.UnknownUser, SignInRefusal.Disabled, SignInRefusal.WrongPassword, SignInRefusal.Locked],
            new[] { unknown, disabled, wrong, locked }.Select(r => r.Refusal!.Value));
        Assert.All(new[] { unknown, disabled, wrong, locked }, r => Assert.Equal(OfficerDirectory.RefusedMessage, r.Problem));
    }

    [Fact]
    public async Task FiveFailures_LockTheAccountForFiveMinutes()
    {
        for (var i = 0; i < OfficerDirectory.MaxFailedSignIns; i++)
            Assert.Equal(SignInRefusal.WrongPassword, (await Officers.SignInAsync("tax.officer", "guess", default)).Refusal);

        var locked = await Officers.SignInAsync("tax.officer", Password, default);
        Assert.Null(locked.User);
        Assert.Equal(SignInRefusal.Locked, locked.Refusal);

        _engine.Clock.Advance(OfficerDirectory.LockoutPeriod);
        Assert.NotNull((await Officers.SignInAsync("tax.officer", Password, default)).User);
    }

    [Fact]
    public async Task FortyParallelWrongPasswords_AtMostFiveAreChecked_BeforeTheLock()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Officers.SignInAsync("tax.officer", "guess", default))));

        Assert.Equal(OfficerDirectory.MaxFailedSignIns, attempts.Count(a => a.Refusal == SignInRefusal.WrongPassword));
        Assert.Equal(40 - OfficerDirectory.MaxFailedSignIns, attempts.Count(a => a.Refusal == SignInRefusal.Locked));
        Assert.Equal(SignInRefusal.Locked, (await Officers.SignInAsync("tax.officer", Password, default)).Refusal);
    }

    [Fact]
    public async Task Seed_ChangedRolesOrDisabled_RotatesTheSecurityStamp_UnchangedKeepsIt()
    {
        var hash = (await Officers.FindAsync("tax.officer", default))!.PasswordHash;
        var first = (await Officers.FindAsync("tax.officer", default))!.SecurityStamp;
        await Officers.SeedAsync([new ConfiguredUser { UserName = "tax.officer", DisplayName = "Li Wei", Roles = ["TaxOfficer"], PasswordHash = hash }], default);
        var unchanged = (await Officers.FindAsync("tax.officer", default))!.SecurityStamp;
        await Officers.SeedAsync([new ConfiguredUser { UserName = "tax.officer", DisplayName = "Li Wei", Roles = ["Supervisor"], PasswordHash = hash }], default);
        var promoted = (await Officers.FindAsync("tax.officer", default))!.SecurityStamp;
        await Officers.SeedAsync([new ConfiguredUser { UserName = "tax.officer", DisplayName = "Li Wei", Roles = ["Supervisor"], PasswordHash = hash, Enabled = false }], default);
        var disabled = (await Officers.FindAsync("tax.officer", default))!.SecurityStamp;
        await Officers.RevokeSessionsAsync("tax.officer", default);
        var signedOut = (await Officers.FindAsync("tax.officer", default))!.SecurityStamp;

        Assert.Equal(first, unchanged);
        Assert.Equal(4, new[] { first, promoted, disabled, signedOut }.Distinct(StringComparer.Ordinal).Count());
    }
}
