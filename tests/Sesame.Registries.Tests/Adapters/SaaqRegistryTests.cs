using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>The SAAQ's licence verification through Sesame's adapter, against the simulator.</summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class SaaqRegistryTests(RegistrySimulatorFixture simulator)
{
    private ISaaqRegistry Registry => simulator.Adapters.GetRequiredService<ISaaqRegistry>();

    [Fact]
    public async Task Marie_Tremblays_licence_matches()
    {
        var marie = Demo.Marie;

        var result = await Registry.VerifyLicenceAsync(
            new LicenceVerification(marie.LicenceReference!, marie.GivenNames, marie.FamilyName, marie.BirthDate), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, result.Outcome);
        Assert.Equal("Saaq", result.Registry);
        Assert.Matches("^SAAQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", result.Reference);
    }

    [Fact]
    public async Task Another_persons_licence_or_an_unknown_one_does_not_match()
    {
        var marie = Demo.Marie;
        var genuine = new LicenceVerification(marie.LicenceReference!, marie.GivenNames, marie.FamilyName, marie.BirthDate);

        var others = await Registry.VerifyLicenceAsync(genuine with { ReferenceNumber = Demo.Anne.LicenceReference! }, CancellationToken.None);
        var unknown = await Registry.VerifyLicenceAsync(genuine with { ReferenceNumber = "ZZZZZZZZZZ" }, CancellationToken.None);
        var otherBirth = await Registry.VerifyLicenceAsync(genuine with { BirthDate = marie.BirthDate.AddYears(-1) }, CancellationToken.None);

        Assert.Equal(RegistryOutcome.NoMatch, others.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, unknown.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, otherBirth.Outcome);
    }
}
