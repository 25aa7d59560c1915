using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sesame.Registries.Simulator.Tests.Support;

namespace Sesame.Registries.Simulator.Tests;

/// <summary>
/// The public API a host mounts the simulator with (<c>AddRegistrySimulator</c>, <c>MapRegistrySimulator</c>): never in
/// Production; its own types only in DI; its wire format and answers unaffected by the host's settings.
/// </summary>
public sealed class SimulatorServicesTests
{
    [Fact]
    public async Task Mounting_the_simulator_in_production_throws_and_maps_nothing()
    {
        await using var app = Build("Production");

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapRegistrySimulator());

        Assert.Contains("never runs in Production", refused.Message, StringComparison.Ordinal);
        Assert.Empty(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints));
    }

    [Fact]
    public void The_standalone_simulator_refuses_to_start_in_production()
    {
        using var host = new SimulatorHost(environment: "Production");

        var refused = Assert.ThrowsAny<Exception>(() => host.Started());

        Assert.Contains(Chain(refused), e => e is InvalidOperationException && e.Message.Contains("never runs in Production", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    [InlineData("Staging")]
    public async Task Outside_production_the_contracts_pages_and_switches_are_mapped_under_the_prefix(string environment)
    {
        await using var app = Build(environment);

        app.MapRegistrySimulator("/simulateur");

        var routes = Routes(app);
        Assert.Equal(
            [
                "/simulateur/", "/simulateur/courrier", "/simulateur/courrier.json", "/simulateur/pannes", "/simulateur/pannes",
                "/simulateur/ramq/v1/activation-key-verifications", "/simulateur/ramq/v1/card-verifications", "/simulateur/ramq/v1/letters",
                "/simulateur/revenu-quebec/v1/notice-verifications", "/simulateur/saaq/v1/licence-verifications", "/simulateur/simulateur.css",
            ],
            routes);
    }

    [Theory]
    [InlineData("/registres", "/registres/ramq/v1/letters")]
    [InlineData("registres/", "/registres/ramq/v1/letters")]
    [InlineData("/", "/ramq/v1/letters")]
    public async Task The_prefix_is_where_the_host_says(string prefix, string lettersRoute)
    {
        await using var app = Build("Development");

        app.MapRegistrySimulator(prefix);

        Assert.Contains(lettersRoute, Routes(app));
    }

    [Fact]
    public async Task Mapping_without_the_services_says_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        await using var app = builder.Build();

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapRegistrySimulator());

        Assert.Contains(nameof(SimulatorServices.AddRegistrySimulator), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_registers_only_its_own_types_and_the_options_machinery_for_them()
    {
        var services = new ServiceCollection();
        services.AddOptions();
        var before = services.Select(d => d.ServiceType).ToHashSet();

        services.AddRegistrySimulator(new ConfigurationBuilder().Build());

        var added = services.Select(d => d.ServiceType).Where(t => !before.Contains(t)).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, type => Assert.True(
            type == typeof(SimulatorOptions) || type == typeof(SimulatorState)
            || (type.IsConstructedGenericType && type.GetGenericArguments().SequenceEqual([typeof(SimulatorOptions)])),
            type.ToString()));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TimeProvider));
    }

    [Fact]
    public void Unconfigured_registries_take_the_development_credentials_and_configured_ones_their_own()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Credentials:Ramq"] = "une-autre-cle",
            ["Simulator:SlowDelay"] = "00:00:05",
        }).Build();
        using var provider = new ServiceCollection().AddRegistrySimulator(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<SimulatorOptions>();

        Assert.Equal("une-autre-cle", options.Credentials["Ramq"]);
        Assert.Equal("dev-key-revenu-quebec-not-for-production", options.Credentials["RevenuQuebec"]);
        Assert.Equal("dev-key-saaq-not-for-production", options.Credentials["Saaq"]);
        Assert.Equal(TimeSpan.FromSeconds(5), options.SlowDelay);
        Assert.Equal(Population.DefaultSize, options.PopulationSize);
    }

    [Fact]
    public void A_negative_slow_delay_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:SlowDelay"] = "-00:00:01" }).Build();
        using var provider = new ServiceCollection().AddRegistrySimulator(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<SimulatorOptions>());
    }

    [Fact]
    public void The_hosts_clock_is_the_simulators_clock_when_the_host_has_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero));
        using var withClock = new ServiceCollection().AddSingleton<TimeProvider>(clock)
            .AddRegistrySimulator(new ConfigurationBuilder().Build()).BuildServiceProvider();
        using var withoutClock = new ServiceCollection().AddRegistrySimulator(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Same(clock, withClock.GetRequiredService<SimulatorState>().Time);
        Assert.Same(TimeProvider.System, withoutClock.GetRequiredService<SimulatorState>().Time);
    }

    [Fact]
    public async Task The_hosts_json_settings_and_error_pages_do_not_change_the_contracts()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        // A host with other JSON conventions and HTML error pages, as Sesame has the latter.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper);
        builder.Services.AddRegistrySimulator(builder.Configuration);
        await using var app = builder.Build();
        app.UseStatusCodePages("text/html", "<html><body>Erreur {0}</body></html>");
        app.MapRegistrySimulator();
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var answer = await SimulatorHost.PostJsonAsync(client, "/simulateur/saaq/v1/licence-verifications", "dev-key-saaq-not-for-production",
            """{"referenceNumber":"K4T9W2M7QA","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""");
        using var unauthorized = await SimulatorHost.PostJsonAsync(client, "/simulateur/saaq/v1/licence-verifications", "wrong", "{}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("match", Answer.Parse(await answer.Content.ReadAsStringAsync()).Outcome);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/json", unauthorized.Content.Headers.ContentType?.MediaType);
    }

    private static WebApplication Build(string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Services.AddRegistrySimulator(builder.Configuration);
        return builder.Build();
    }

    private static List<string?> Routes(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).Order(StringComparer.Ordinal)];

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
