import { signInOnSlowLine } from './lib/slow-line.js';

/**
 * By hand: `node --import tsx bench/slow-line.ts http://127.0.0.1:8080 [runs]` — time to a usable
 * sign-in on emulated 2G against a running server (`npm run bench` measures it on its own server).
 */
const [url = 'http://127.0.0.1:8080', runs = '5'] = process.argv.slice(2);
const result = await signInOnSlowLine(url, Number(runs));
console.log(
  JSON.stringify(
    {
      ...result,
      compressed: { ...result.compressed, samples: undefined },
      identity: { ...result.identity, samples: undefined },
    },
    null,
    2,
  ),
);
