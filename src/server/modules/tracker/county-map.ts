import geo from '../../../shared/geo/kenya-counties.json' with { type: 'json' };
import { markup, SafeHtml } from '../public/html.js';

interface CountyFeature {
  properties: { code: number; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}
const features = (geo as unknown as { features: CountyFeature[] }).features;

export const MAP_ATTRIBUTION = 'County boundaries © OpenStreetMap contributors (ODbL 1.0)';

/** Kenya's extent, and a plain equirectangular projection squeezed by cos(latitude) at the equator. */
const west = 33.9;
const east = 42;
const north = 5.1;
const south = -4.8;
const width = 320;
const height = Math.round((width * (north - south)) / (east - west));
const x = (lon: number) => (((lon - west) / (east - west)) * width).toFixed(1);
const y = (lat: number) => (((north - lat) / (north - south)) * height).toFixed(1);

function ringPath(ring: number[][]): string {
  return `M${ring.map(([lon, lat]) => `${x(lon!)} ${y(lat!)}`).join('L')}Z`;
}

/** Each county's outline as an SVG path, computed once. */
const paths = new Map<number, string>(
  features.map((f) => {
    const polygons = (
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    ) as number[][][][];
    return [f.properties.code, polygons.flatMap((poly) => poly.map(ringPath)).join('')];
  }),
);

export interface MapShade {
  /** A CSS class from the page's legend: 'none', 'small', 'hidden', 'low', 'mid', 'high'. */
  shade: string;
  /** The title a pointer or a screen reader gets: "Nairobi: 12". */
  title: string;
}

/**
 * A county choropleth as inline SVG: no tile server, no script, works offline and prints. The table
 * beside it carries the same numbers for screen readers (the SVG is a figure with a caption).
 */
export function countyMap(shades: Map<number, MapShade>, caption: string): SafeHtml {
  const shapes = features.map((f) => {
    const s = shades.get(f.properties.code) ?? { shade: 'none', title: f.properties.name };
    return markup`<path class="c-${s.shade}" d="${paths.get(f.properties.code) ?? ''}"><title>${s.title}</title></path>`;
  });
  return markup`<figure class="map"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${caption}">${shapes}</svg><figcaption>${caption}<br><small>${MAP_ATTRIBUTION}</small></figcaption></figure>`;
}

export const mapCountyCodes = features.map((f) => f.properties.code);
