// browser.mjs opens each URL given on the command line in a headless
// Chromium (the system's, never a downloaded one), waits for the page to
// mark #out done, and prints one JSON line per page: {url, result}.
// graph/bolt's TestBrowser serves page.html and reads the lines.
//
// Environment: KG_CHROMIUM, the browser (default /usr/bin/chromium);
// KG_RESOLVE, host-resolver rules for pages from other origins.
import { chromium } from 'playwright-core'

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
if (process.env.KG_RESOLVE) args.push(`--host-resolver-rules=${process.env.KG_RESOLVE}`)
const browser = await chromium.launch({ executablePath: process.env.KG_CHROMIUM || '/usr/bin/chromium', headless: true, args })
let failed = 0
try {
  for (const url of process.argv.slice(2)) {
    const page = await browser.newPage()
    const logs = []
    page.on('console', m => logs.push(m.text()))
    try {
      await page.goto(url)
      await page.waitForSelector('#out[data-done]', { timeout: 30000 })
      process.stdout.write(JSON.stringify({ url, result: JSON.parse(await page.textContent('#out')), console: logs }) + '\n')
    } catch (e) {
      failed++
      process.stdout.write(JSON.stringify({ url, result: { error: `page: ${e.message}` }, console: logs }) + '\n')
    } finally {
      await page.close()
    }
  }
} finally {
  await browser.close()
}
process.exit(failed ? 1 : 0)
