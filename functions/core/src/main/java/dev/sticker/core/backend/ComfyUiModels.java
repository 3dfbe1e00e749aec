package dev.sticker.core.backend;

/**
 * The model files our ComfyUI workflow loads, by the names the ComfyUI server knows them (paths under its
 * {@code models/} folders).
 *
 * @param checkpoint          an SDXL checkpoint ({@code models/checkpoints})
 * @param lora                a sticker-style SDXL LoRA ({@code models/loras})
 * @param instantIdModel      the InstantID adapter ({@code models/instantid})
 * @param instantIdControlNet the InstantID ControlNet ({@code models/controlnet})
 * @param ipAdapterModel      an SDXL IP-Adapter ({@code models/ipadapter})
 * @param clipVision          the CLIP vision encoder that IP-Adapter needs ({@code models/clip_vision})
 */
public record ComfyUiModels(String checkpoint, String lora, String instantIdModel, String instantIdControlNet,
                            String ipAdapterModel, String clipVision) {
}
