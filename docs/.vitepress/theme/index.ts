import DefaultTheme from 'vitepress/theme'
import { useRoute, withBase, type Theme } from 'vitepress'
import { defineComponent, h, nextTick, onMounted, watch } from 'vue'
import './style.css'

interface MermaidGlobal {
  initialize(config: Record<string, unknown>): void
  run(options: { querySelector: string }): Promise<void>
}

let loading: Promise<MermaidGlobal> | undefined

// mermaid's prebuilt bundle is served as a file (see config.ts) and loaded only on pages with a
// diagram: bundling mermaid through Vite took most of the site's build time.
function loadMermaid(): Promise<MermaidGlobal> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = withBase('/mermaid.min.js')
    script.onload = () => {
      const mermaid = (window as unknown as { mermaid: MermaidGlobal }).mermaid
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' })
      resolve(mermaid)
    }
    script.onerror = () => reject(new Error('mermaid.min.js did not load'))
    document.head.appendChild(script)
  })
  return loading
}

async function renderDiagrams(): Promise<void> {
  if (!document.querySelector('pre.mermaid:not([data-processed])')) return
  const mermaid = await loadMermaid()
  await mermaid.run({ querySelector: 'pre.mermaid:not([data-processed])' })
}

const Layout = defineComponent({
  setup() {
    const route = useRoute()
    const render = () => void nextTick(() => renderDiagrams().catch((error: unknown) => console.error(error)))
    onMounted(render)
    watch(() => route.path, render)
    return () => h(DefaultTheme.Layout)
  },
})

export default { extends: DefaultTheme, Layout } satisfies Theme
