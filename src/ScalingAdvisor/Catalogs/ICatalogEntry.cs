namespace ScalingAdvisor.Catalogs;

/// <summary>An entry of a <see cref="Catalog{T}"/>: something looked up by a unique id (hardware, model presets, regions).</summary>
public interface ICatalogEntry
{
    /// <summary>The entry's id, unique in its catalog ignoring case, e.g. <c>h100-sxm</c>.</summary>
    string Id { get; }
}
