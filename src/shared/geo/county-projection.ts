import geo from './kenya-counties.json' with { type: 'json' };

/**
 * Kenya's counties as SVG paths, for the public tracker's server-rendered map and the console's
 * dashboard map alike: a plain equirectangular projection of Kenya's extent (pure, no DOM).
 */
interface CountyFeature {
  properties: { code: number; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}
const features = (geo as unknown as { features: CountyFeature[] }).features;

export const MAP_ATTRIBUTION = 'County boundaries © OpenStreetMap contributors (ODbL 1.0)';

const west = 33.9;
const east = 42;
const north = 5.1;
const south = -4.8;
export const MAP_WIDTH = 320;
export const MAP_HEIGHT = Math.round((MAP_WIDTH * (north - south)) / (east - west));
const x = (lon: number) => (((lon - west) / (east - west)) * MAP_WIDTH).toFixed(1);
const y = (lat: number) => (((north - lat) / (north - south)) * MAP_HEIGHT).toFixed(1);

function ringPath(ring: number[][]): string {
  return `M${ring.map(([lon, lat]) => `${x(lon!)} ${y(lat!)}`).join('L')}Z`;
}

export interface CountyShape {
  code: number;
  name: string;
  /** The outline as an SVG path in a MAP_WIDTH × MAP_HEIGHT box. */
  d: string;
}

/** Each county's outline, computed once. */
export const countyShapes: readonly CountyShape[] = features.map((f) => {
  const polygons = (
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
  ) as number[][][][];
  return {
    code: f.properties.code,
    name: f.properties.name,
    d: polygons.flatMap((poly) => poly.map(ringPath)).join(''),
  };
});

/** A county name folded for matching across spellings ("Elgeyo-Marakwet", "Elgeyo/Marakwet", "Murang'a"). */
export function countyKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}
