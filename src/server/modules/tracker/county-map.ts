import {
  countyShapes,
  MAP_ATTRIBUTION,
  MAP_HEIGHT as height,
  MAP_WIDTH as width,
} from '../../../shared/geo/county-projection.js';
import { markup, SafeHtml } from '../public/html.js';

export { MAP_ATTRIBUTION };

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
  const shapes = countyShapes.map((f) => {
    const s = shades.get(f.code) ?? { shade: 'none', title: f.name };
    return markup`<path class="c-${s.shade}" d="${f.d}"><title>${s.title}</title></path>`;
  });
  return markup`<figure class="map"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${caption}">${shapes}</svg><figcaption>${caption}<br><small>${MAP_ATTRIBUTION}</small></figcaption></figure>`;
}

export const mapCountyCodes = countyShapes.map((f) => f.code);
