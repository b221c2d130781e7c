// Read from TypeDoc's JSON of the public API: every TSDoc comment has a summary line (not only tags
// such as @example), and every optional property of an options, config or props interface says its
// default ("Default …", or "defaults to …"). Also: every AuthError code has its section on the error
// codes page.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { anchorsOf, docsRoot, read } from './markdown.mjs'

const optionBags = /(Options|Config|Props)$/
// Interfaces whose properties are options too, though their names do not say so.
const alsoOptionBags = new Set(['MockClient', 'MockApi', 'TestUser', 'DpopProofClaims'])

function commentText(comment) {
  if (!comment) return ''
  const parts = [...(comment.summary ?? []), ...(comment.blockTags ?? []).flatMap((tag) => tag.content)]
  return parts.map((part) => part.text ?? '').join('')
}

function summary(comment) {
  return (comment?.summary ?? []).map((part) => part.text ?? '').join('').trim()
}

export function checkTsdocContent(jsonFile) {
  const project = JSON.parse(readFileSync(jsonFile, 'utf8'))
  const failures = []
  let checked = 0
  const checkSummaries = (node, path) => {
    for (const child of node.children ?? []) {
      const name = path ? `${path}.${child.name}` : child.name
      const comments = [child.comment, ...(child.signatures ?? []).map((signature) => signature.comment)].filter(Boolean)
      if (comments.length > 0 && !comments.some((comment) => summary(comment))) failures.push(`${name}: its TSDoc has no summary line`)
      checkSummaries(child, name)
    }
  }
  checkSummaries(project, '')
  const walk = (node, moduleName) => {
    for (const child of node.children ?? []) {
      if (child.kind === 2 /* Module */) {
        walk(child, child.name)
        continue
      }
      if (child.kind !== 256 /* Interface */ || !(optionBags.test(child.name) || alsoOptionBags.has(child.name))) continue
      for (const property of child.children ?? []) {
        if (property.kind !== 1024 /* Property */ || property.inheritedFrom || !property.flags?.isOptional) continue
        checked += 1
        if (!/\bdefaults?\b/i.test(commentText(property.comment))) {
          failures.push(`${moduleName}: ${child.name}.${property.name} is optional, and its TSDoc does not say its default`)
        }
      }
    }
  }
  walk(project, '')
  failures.push(...checkErrorCodesPage(project))
  return { checked, failures }
}

/** Every code of the `AuthErrorCode` union has its section in docs/errors.md (an `<a id="code">`). */
function checkErrorCodesPage(project) {
  const codes = []
  const find = (node) => {
    for (const child of node.children ?? []) {
      if (child.name === 'AuthErrorCode' && child.type?.type === 'union') codes.push(...child.type.types.map((type) => type.value))
      find(child)
    }
  }
  find(project)
  if (codes.length === 0) return ['AuthErrorCode: not found in the API, so docs/errors.md cannot be checked against it']
  const anchors = anchorsOf(read(join(docsRoot, 'errors.md')))
  return [...new Set(codes)].filter((code) => !anchors.has(code)).map((code) => `docs/errors.md: no section for the AuthError code "${code}"`)
}
