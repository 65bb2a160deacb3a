using ScalingAdvisor.Catalogs;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Footprint;

/// <summary>A region's electricity grid carbon intensity, with where the figure comes from.</summary>
/// <param name="Id">Catalog id, e.g. <c>fr</c>, <c>us-llama</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Intensity">Average carbon intensity of the electricity.</param>
/// <param name="Source">The data set or paper the figure comes from.</param>
/// <param name="Year">The year the figure describes (or the paper's year).</param>
/// <param name="Basis">What the figure counts, e.g. "lifecycle, generation, annual average".</param>
public sealed record GridRegion(string Id, string Name, CarbonIntensity Intensity, string Source, int Year, string Basis) : ICatalogEntry;
