// Renderer entry (placeholder until the window lands).
document.getElementById('root')!.textContent = 'Arrayport';
