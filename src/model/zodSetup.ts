// zod compiles fast object parsers with `new Function` when it can. The page's Content-Security-
// Policy has no `unsafe-eval`, so each try would be refused (and reported as a violation): parse
// without it. Imported by every module that defines a schema, before it parses anything.
import { z } from 'zod';

z.config({ jitless: true });
