/** A popup window as the client sees it: it learns where it is sent. */
export function fakePopup() {
  let sentTo: (url: string) => void = () => undefined
  const url = new Promise<string>((resolve) => {
    sentTo = resolve
  })
  const popup = {
    closed: false,
    close() {
      popup.closed = true
    },
    location: {
      set href(value: string) {
        if (value !== 'about:blank') sentTo(value)
      },
    },
  }
  return { popup, url }
}
